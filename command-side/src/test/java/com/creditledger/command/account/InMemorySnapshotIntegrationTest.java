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
import java.util.List;
import java.util.Map;

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

    /** The account's snapshot once it covers its event {@code sequence}; snapshots are taken on a thread of their own. */
    private Map<String, Object> snapshotAt(long sequence) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> found = jdbc.queryForList("SELECT payload, payloadtype FROM snapshotevententry "
                    + "WHERE aggregateidentifier = 'kept' AND sequencenumber = ?", sequence);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no snapshot of event " + sequence);
    }
}
