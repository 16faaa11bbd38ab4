package com.creditledger.command.account;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot taken from the account in memory is byte for byte the one Axon's way gives, replaying
 * the account's stored events: over two top-ups' lots, priced and pre-priced debits, a hold
 * captured in part, another open, a refund and alert rules.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=InMemorySnapshotIntegrationTest", "ledger.snapshot.threshold=7",
                "ledger.clock.mode=manual"})
@ContextConfiguration(initializers = FreshDatabase.class)
class InMemorySnapshotIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountSnapshotter snapshotter;

    @Autowired
    Cache accountCache;

    @Test
    void theSnapshotOfTheAccountInMemoryIsTheSnapshotOfItsEvents() throws InterruptedException {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("kept");
        for (String[] call : List.of(
                new String[]{"/top-ups", "{\"topUpId\":\"t1\",\"amount\":\"999.00\"}"},
                new String[]{"/top-ups", "{\"topUpId\":\"t2\",\"amount\":\"49.00\"}"},
                new String[]{"/usage", "{\"idempotencyKey\":\"u1\",\"model\":\"gemini-3.1-pro\",\"inputTokens\":1234567,"
                        + "\"outputTokens\":89012}"},
                new String[]{"/usage", "{\"idempotencyKey\":\"u2\",\"amount\":\"12.345678901\"}"},
                new String[]{"/reservations", "{\"reservationId\":\"h1\",\"amount\":\"30.00\",\"expiresIn\":\"PT1H\"}"},
                new String[]{"/reservations/h1/capture", "{\"idempotencyKey\":\"c1\",\"amount\":\"12.50\",\"final\":true}"},
                new String[]{"/reservations", "{\"reservationId\":\"h2\",\"amount\":\"5.00\",\"expiresIn\":\"PT2H\"}"},
                new String[]{"/refunds", "{\"refundId\":\"r1\",\"topUpId\":\"t2\",\"credits\":\"3.00\"}"})) {
            LedgerClient.Response done = ledger.post("/v1/accounts/kept" + call[0], call[1]);
            assertThat(done.status()).as(call[0] + " " + done.raw()).isBetween(200, 201);
        }
        assertThat(ledger.put("/v1/accounts/kept/alerts", "{\"balanceBelow\":[\"100.00\"],\"spendPercent\":[80]}")
                .status()).isEqualTo(200);
        long last = jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = 'kept'",
                Long.class);

        snapshotter.scheduleSnapshot(CreditAccount.class, "kept");
        Map<String, Object> inMemory = snapshotAt(last);
        accountCache.remove("kept");
        jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = 'kept'");
        snapshotter.scheduleSnapshot(CreditAccount.class, "kept");
        Map<String, Object> replayed = snapshotAt(last);

        assertThat(new String((byte[]) inMemory.get("payload"))).contains("\"h2\"")
                .isEqualTo(new String((byte[]) replayed.get("payload")));
        assertThat(inMemory.get("payloadtype")).isEqualTo(replayed.get("payloadtype"));
    }

    /**
     * Snapshots taken from memory while eight clients debit two accounts (one every seven events)
     * are sound: the account loaded from its last one plus the events after it is, byte for byte,
     * the account replayed from all its events.
     */
    @Test
    void snapshotsTakenWhileOthersWriteRestoreTheAccountsTheEventsMake() throws Exception {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        List<String> accounts = List.of("busy-1", "busy-2");
        for (String account : accounts) {
            ledger.openAccount(account);
            assertThat(ledger.topUp(account, "t1", "999.00").status()).isEqualTo(201);
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String account = accounts.get(i % 2);
            String key = "d" + i;
            statuses.add(clients.submit(() -> ledger.debit(account, key, "1.25").status()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(201);
        }
        clients.shutdown();

        for (String account : accounts) {
            long last = jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, account);
            long taken = settledSnapshot(account);
            assertThat(taken).as("a snapshot taken while the debits came in").isPositive().isLessThanOrEqualTo(last);
            accountCache.remove(account); // loaded again from that snapshot and the events after it
            assertThat(ledger.debit(account, "after", "0.50").status()).isEqualTo(201);
            snapshotter.scheduleSnapshot(CreditAccount.class, account);
            byte[] fromSnapshot = (byte[]) snapshotAt(account, last + 1).get("payload");
            accountCache.remove(account);
            jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?", account);
            snapshotter.scheduleSnapshot(CreditAccount.class, account);
            byte[] fromEvents = (byte[]) snapshotAt(account, last + 1).get("payload");
            assertThat(new String(fromSnapshot)).isEqualTo(new String(fromEvents));
        }
    }

    /** The sequence of an account's last snapshot, once the snapshot thread has stopped replacing it. */
    private long settledSnapshot(String account) throws InterruptedException {
        long seen = -1;
        for (int unchanged = 0; unchanged < 10; ) {
            Thread.sleep(50);
            Long now = jdbc.queryForObject("SELECT max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?",
                    Long.class, account);
            long current = now == null ? -1 : now;
            unchanged = current == seen ? unchanged + 1 : 0;
            seen = current;
        }
        return seen;
    }

    private Map<String, Object> snapshotAt(long sequence) throws InterruptedException {
        return snapshotAt("kept", sequence);
    }

    /** The account's snapshot once it covers its event {@code sequence}; snapshots are taken on a thread of their own. */
    private Map<String, Object> snapshotAt(String account, long sequence) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> found = jdbc.queryForList("SELECT payload, payloadtype FROM snapshotevententry "
                    + "WHERE aggregateidentifier = ? AND sequencenumber = ?", account, sequence);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no snapshot of event " + sequence);
    }
}
