package com.creditledger.command.http;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Administration racing with traffic: rate cards published at once, a key revoked while in use. */
// a ledger of its own: the cards published here would price every other test's calls
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=ConcurrentAdministrationIntegrationTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class ConcurrentAdministrationIntegrationTest {

    private static final Instant FIRST_CARD = Instant.parse("2020-01-01T00:00:00Z");
    private static final int ROUNDS = 100;
    private static final int CARDS_PER_ROUND = 12;

    @LocalServerPort
    int port;

    /**
     * Twelve cards published at once, each effective later than the last, then one call priced
     * "now": it is always priced by the newest card, whichever publish's reload finished last.
     * Card n charges n credits per million input tokens, so a call of 1,000 tokens costs n / 1,000
     * credits and its amount names the card.
     */
    @Test
    void aCallIsPricedByTheNewestCardAfterConcurrentPublishes() throws Exception {
        LedgerClient ledger = new LedgerClient(port);
        ledger.openAccount("priced");
        ledger.topUp("priced", "t1", "9999.00");
        ExecutorService publishers = Executors.newFixedThreadPool(CARDS_PER_ROUND);
        for (int round = 0; round < ROUNDS; round++) {
            List<Future<Integer>> published = new ArrayList<>();
            for (int card = 1; card <= CARDS_PER_ROUND; card++) {
                int number = round * CARDS_PER_ROUND + card;
                published.add(publishers.submit(() -> ledger.put("/v1/rate-cards/card-" + number,
                        "{\"effectiveFrom\":\"" + FIRST_CARD.plusSeconds(number) + "\",\"models\":{\"probe\":"
                                + "{\"input\":\"" + number + "\",\"output\":\"1\"}}}").status()));
            }
            for (Future<Integer> status : published) {
                assertThat(status.get()).isEqualTo(200);
            }
            int newest = (round + 1) * CARDS_PER_ROUND;
            LedgerClient.Response call = ledger.post("/v1/accounts/priced/usage",
                    "{\"idempotencyKey\":\"call-" + round + "\",\"model\":\"probe\",\"inputTokens\":1000}");
            assertThat(call.status()).as(call.raw()).isEqualTo(201);
            assertThat(new BigDecimal(call.text("amount"))).as("round %d", round)
                    .isEqualByComparingTo(BigDecimal.valueOf(newest, 3));
        }
        publishers.shutdown();
    }

    /** Eight threads using a key; once its revocation is answered, no request started after it succeeds. */
    @Test
    void aRevokedKeyFailsForEveryRequestStartedAfterTheRevocation() throws Exception {
        LedgerClient admin = new LedgerClient(port);
        for (int round = 0; round < 20; round++) {
            LedgerClient.Response created = admin.post("/v1/admin/api-keys", "{\"role\":\"AUDITOR\"}");
            assertThat(created.status()).isEqualTo(201);
            LedgerClient auditor = admin.withKey(created.text("token"));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong revokedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicInteger succeededAfter = new AtomicInteger();
            AtomicInteger succeededBefore = new AtomicInteger();
            ExecutorService users = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int user = 0; user < 8; user++) {
                done.add(users.submit(() -> {
                    while (running.get()) {
                        long started = System.nanoTime();
                        int status = auditor.get("/v1/admin/clock").status();
                        if (status == 200) {
                            (started > revokedAt.get() ? succeededAfter : succeededBefore).incrementAndGet();
                        }
                    }
                }));
            }
            while (succeededBefore.get() < 20) {
                Thread.onSpinWait();
            }
            assertThat(admin.send("DELETE", "/v1/admin/api-keys/" + created.text("keyId"), null, "application/json")
                    .status()).isEqualTo(204);
            revokedAt.set(System.nanoTime());
            Thread.sleep(300);
            running.set(false);
            for (Future<?> user : done) {
                user.get();
            }
            users.shutdown();
            assertThat(succeededAfter.get()).as("round %d", round).isZero();
        }
    }
}
