package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the books: the worked example of docs/accounting.md (period close), the two time axes,
 * reopening with a second key, refusals that change nothing, and a close in the middle of
 * concurrent writers back-dating usage into the month being closed. The command side runs as its
 * own process on the manual clock and reads the report it closes from this test's query side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=PeriodCloseTest",
        "axon.eventhandling.processors.ledger-projections.initial-segment-count=2",
        "axon.eventhandling.processors.ledger-projections.thread-count=2"})
@ContextConfiguration(initializers = FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeriodCloseTest extends LedgerScenario {

    private static final String JANUARY_TO_MARCH = "/v1/reports/deferred-revenue?from=2025-01&to=2025-03&accountId=pc";

    private LedgerClient finance;
    private LedgerClient secondFinance;
    private String financeKeyId;
    private String januaryDigest;

    @BeforeAll
    void start() {
        startCommandSide("--ledger.clock.mode=manual",
                "--ledger.query-side.url=http://127.0.0.1:" + port);
        LedgerClient.Response key = commands.post("/v1/admin/api-keys", "{\"role\":\"FINANCE\"}");
        finance = commands.withKey(key.text("token"));
        financeKeyId = key.text("keyId");
        secondFinance = keyOf("FINANCE");
    }

    @Test
    @Order(1)
    void aLateUsageIsPostedInTheFirstOpenMonthAndTheClosedMonthNeverChanges() {
        // T1: $999 buys 1,058.94 credits, p = 999 / 1,058.94 = 50/53 per credit
        at("2025-01-01T10:00:00Z");
        created(commands.openAccount("pc"));
        created(commands.topUp("pc", "t1", "999.00"));
        created(commands.openAccount("cw")); // for the concurrent writers at the end
        created(commands.topUp("cw", "cw-t", "999.00"));
        at("2025-01-31T23:00:00Z");
        created(commands.debit("pc", "u1", "144.00")); // 144 × 50/53 = 135.849 → 135.85
        at("2025-02-03T18:00:00Z");
        LedgerClient.Response closed = finance.post("/v1/periods/2025-01/close", "");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(201);
        assertThat(closed.text("status")).isEqualTo("closed");
        assertThat(closed.text("closedAt")).isEqualTo("2025-02-03T18:00:00Z");
        januaryDigest = closed.text("reportDigest");
        assertThat(januaryDigest).matches("[0-9a-f]{64}");
        awaitProjections();
        String januaryReport = queries.get("/v1/periods/2025-01/report").raw();
        assertThat(queries.get("/v1/periods/2025-01/report").body().path("digest").asText()).isEqualTo(januaryDigest);

        created(commands.debit("pc", "u2", "15.00")); // cumulative 159 × 50/53 = 150.00: 14.15
        at("2025-02-04T09:00:00Z");
        created(commands.post("/v1/accounts/pc/usage",
                "{\"idempotencyKey\":\"u3\",\"amount\":\"10.00\",\"occurredAt\":\"2025-01-31T23:50:00Z\"}"));
        // cumulative 169 × 50/53 = 159.43: 9.43, in February though it was used in January
        at("2025-02-28T12:00:00Z");
        created(commands.debit("pc", "u4", "139.00")); // cumulative 308 × 50/53 = 290.57: 131.14
        awaitProjections();

        List<JsonNode> rows = rows(JANUARY_TO_MARCH);
        assertThat(rows.get(0).path("usageRevenue").asText()).isEqualTo("135.85");
        assertThat(rows.get(0).path("closingBalance").asText()).isEqualTo("863.15"); // 999.00 − 135.85
        // February: 14.15 + 9.43 + 131.14 = 154.72, of which 9.43 out of period
        assertThat(rows.get(1).path("usageRevenue").asText()).isEqualTo("154.72");
        assertThat(rows.get(1).path("usageRevenueOutOfPeriod").asText()).isEqualTo("9.43");
        assertThat(rows.get(1).path("closingBalance").asText()).isEqualTo("708.43"); // 863.15 − 154.72
        assertThat(queries.get("/v1/periods/2025-01/report").raw()).isEqualTo(januaryReport);

        JsonNode january = period("2025-01");
        assertThat(january.path("status").asText()).isEqualTo("closed");
        assertThat(january.path("reportDigest").asText()).isEqualTo(januaryDigest);
        assertThat(january.path("digestMatches").asBoolean()).isTrue();
        assertThat(january.path("closedBy").asText()).isEqualTo(financeKeyId);

        JsonNode corrections = queries.get("/v1/reports/corrections?period=2025-02").body().path("corrections");
        assertThat(corrections).isNotEmpty();
        corrections.forEach(correction -> {
            assertThat(correction.path("servicePeriod").asText()).isEqualTo("2025-01");
            assertThat(correction.path("postingPeriod").asText()).isEqualTo("2025-02");
            assertThat(correction.path("line").path("idempotencyKey").asText()).isEqualTo("u3");
        });
        assertThat(queries.get("/v1/reports/corrections?period=2025-01").body().path("corrections")).isEmpty();
    }

    @Test
    @Order(2)
    void knownAtAnswersAsTheLedgerKnewIt() {
        // February as known at 19:00 on the 3rd: only u2 was recorded in it, 14.15
        JsonNode february = rows(JANUARY_TO_MARCH + "&knownAt=2025-02-03T19:00:00Z").get(1);
        assertThat(february.path("usageRevenue").asText()).isEqualTo("14.15");
        assertThat(february.path("usageRevenueOutOfPeriod").asText()).isEqualTo("0.00");

        // January 31 as known on February 3: the late 10 credits were not known yet
        String known = "asOf=2025-01-31T23:59:00Z&knownAt=2025-02-03T19:00:00Z";
        assertThat(liability(known)).isEqualTo("-863.15"); // 999.00 − 135.85 (a credit balance)
        assertThat(liability("asOf=2025-01-31T23:59:00Z")).isEqualTo("-853.72"); // 999.00 − 135.85 − 9.43
        assertThat(queries.get("/v1/accounts/pc/balance?" + known).body().path("available").asText())
                .isEqualTo("914.94"); // 1,058.94 − 144
        assertThat(queries.get("/v1/accounts/pc/balance?asOf=2025-01-31T23:59:00Z").body().path("available").asText())
                .isEqualTo("904.94"); // and the 10 used at 23:50
        JsonNode lot = queries.get("/v1/reports/lots?" + known + "&accountId=pc").body().path("lots").get(0);
        assertThat(lot.path("used").asText()).isEqualTo("144.00");
    }

    @Test
    @Order(3)
    void theClosedMonthKeepsItsDigestAfterAFullReplay() {
        String before = queries.get(JANUARY_TO_MARCH).raw();
        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        awaitProjections();
        assertThat(queries.get(JANUARY_TO_MARCH).raw()).isEqualTo(before);
        assertThat(queries.get("/v1/periods/2025-01/report").body().path("digest").asText()).isEqualTo(januaryDigest);
        assertThat(period("2025-01").path("digestMatches").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void refusalsChangeNothing() {
        at("2025-03-01T10:00:00Z");
        long events = events();
        refused(finance.post("/v1/periods/2025-03/close", ""), 409, "period_out_of_order");
        refused(finance.post("/v1/periods/2025-01/close", ""), 409, "period_closed");
        refused(finance.post("/v1/periods/2025-13/close", ""), 400, "validation_failed");
        refused(finance.post("/v1/periods/2025-02/reopen", "{\"reason\":\"late invoice\"}"), 409, "period_not_closed");
        refused(finance.post("/v1/periods/2025-01/reopen", "{}"), 400, "validation_failed");
        refused(finance.post("/v1/periods/2025-01/reopen", "{\"reason\":42}"), 400, "validation_failed");
        refused(finance.post("/v1/periods/2025-01/reopen/approve", ""), 404, "reopen_not_pending");
        LedgerClient support = keyOf("SUPPORT");
        assertThat(support.post("/v1/periods/2025-01/close", "").status()).isEqualTo(403);
        assertThat(events()).isEqualTo(events);
        assertThat(period("2025-01").path("status").asText()).isEqualTo("closed");
    }

    @Test
    @Order(5)
    void reopeningTakesASecondKeyAndTheNextCloseHasItsOwnDigest() {
        at("2025-03-01T11:00:00Z");
        LedgerClient.Response requested = finance.post("/v1/periods/2025-01/reopen", "{\"reason\":\"missed usage batch\"}");
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        assertThat(requested.text("status")).isEqualTo("reopen_pending");
        refused(finance.post("/v1/periods/2025-01/reopen", "{\"reason\":\"again\"}"), 409, "reopen_pending");
        refused(finance.post("/v1/periods/2025-01/reopen/approve", ""), 403, "approver_is_requester");
        awaitProjections();
        assertThat(period("2025-01").path("status").asText()).isEqualTo("reopen_pending");

        LedgerClient.Response approved = secondFinance.post("/v1/periods/2025-01/reopen/approve", "");
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("open");
        assertThat(approved.text("reason")).isEqualTo("missed usage batch");

        // January is open again: a late January call now posts in January
        created(commands.post("/v1/accounts/pc/usage",
                "{\"idempotencyKey\":\"u5\",\"amount\":\"1.00\",\"occurredAt\":\"2025-01-20T12:00:00Z\"}"));
        // cumulative 309 × 50/53 = 291.51: 0.94
        awaitProjections();
        assertThat(rows(JANUARY_TO_MARCH).get(0).path("usageRevenue").asText()).isEqualTo("136.79"); // 135.85 + 0.94
        assertThat(period("2025-01").path("status").asText()).isEqualTo("open");

        LedgerClient.Response closedAgain = secondFinance.post("/v1/periods/2025-01/close", "");
        assertThat(closedAgain.status()).as(closedAgain.raw()).isEqualTo(201);
        assertThat(closedAgain.text("reportDigest")).isNotEqualTo(januaryDigest);
        awaitProjections();
        JsonNode january = period("2025-01");
        assertThat(january.path("status").asText()).isEqualTo("closed");
        assertThat(january.path("reportDigest").asText()).isEqualTo(closedAgain.text("reportDigest"));
        assertThat(january.path("digestMatches").asBoolean()).isTrue();
        List<String> kinds = new ArrayList<>();
        january.path("changes").forEach(change -> kinds.add(change.path("kind").asText()));
        assertThat(kinds).containsExactly("closed", "reopen_requested", "reopened", "closed");
        assertThat(january.path("changes").get(0).path("reportDigest").asText()).isEqualTo(januaryDigest);
    }

    /**
     * Four writers back-date usage into February while it closes: whatever order the close falls in,
     * February's digest recorded at the close is what its report says afterwards and after a replay,
     * and every call is posted in February or March.
     */
    @Test
    @Order(6)
    void aCloseAmidConcurrentWritersFreezesExactlyWhatItPublished() throws Exception {
        at("2025-03-02T09:00:00Z");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean closing = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            int id = writer;
            running.add(writers.submit(() -> {
                // until the close has answered, and five calls after it
                for (int call = 0, after = 0; after < 5; call++, after += closing.get() ? 1 : 0) {
                    LedgerClient.Response debit = commands.post("/v1/accounts/cw/usage", "{\"idempotencyKey\":\"cw-"
                            + id + "-" + call + "\",\"amount\":\"0.37\",\"occurredAt\":\"2025-02-2" + (call % 8 + 1)
                            + "T12:00:00Z\"}");
                    assertThat(debit.status()).as(debit.raw()).isEqualTo(201);
                    calls.incrementAndGet();
                }
                return null;
            }));
        }
        while (calls.get() < 20) {
            Thread.sleep(10);
        }
        LedgerClient.Response closed = finance.post("/v1/periods/2025-02/close", "");
        closing.set(true);
        for (Future<?> writer : running) {
            writer.get(2, TimeUnit.MINUTES);
        }
        writers.shutdown();
        assertThat(closed.status()).as(closed.raw()).isEqualTo(201);
        refused(finance.post("/v1/periods/2025-03/close", ""), 409, "period_not_ended");
        awaitProjections();

        String digest = closed.text("reportDigest");
        assertThat(queries.get("/v1/periods/2025-02/report").body().path("digest").asText()).isEqualTo(digest);
        // every call's 0.37 credits is posted in February or, once it closed, in March: some in each
        List<JsonNode> cw = rows("/v1/reports/deferred-revenue?from=2025-02&to=2025-03&accountId=cw");
        BigDecimal february = new BigDecimal(cw.get(0).path("credits").path("consumed").asText());
        BigDecimal march = new BigDecimal(cw.get(1).path("credits").path("consumed").asText());
        assertThat(february).isPositive();
        assertThat(march).isPositive();
        assertThat(february.add(march)).isEqualByComparingTo(new BigDecimal("0.37").multiply(BigDecimal.valueOf(calls.get())));
        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        awaitProjections();
        assertThat(queries.get("/v1/periods/2025-02/report").body().path("digest").asText()).isEqualTo(digest);
        assertThat(period("2025-02").path("digestMatches").asBoolean()).isTrue();
        assertThat(period("2025-01").path("digestMatches").asBoolean()).isTrue();
    }

    private String liability(String query) {
        for (JsonNode row : queries.get("/v1/reports/trial-balance?accountId=pc&" + query).body().path("accounts")) {
            if (row.path("accountCode").asText().equals("2400")) {
                return row.path("balance").asText();
            }
        }
        throw new AssertionError("no contract liability in the trial balance " + query);
    }

    private JsonNode period(String label) {
        for (JsonNode period : queries.get("/v1/periods").body().path("periods")) {
            if (period.path("period").asText().equals(label)) {
                return period;
            }
        }
        throw new AssertionError("no period " + label + " in " + queries.get("/v1/periods").raw());
    }
}
