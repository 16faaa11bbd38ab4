package com.creditledger.query;

import com.creditledger.query.projection.ProjectionProgress;
import com.creditledger.query.projection.Projections;
import com.creditledger.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A year of history driven through the command side's HTTP API (its own process, manual clock)
 * and read back through the query side's: the worked example of docs/accounting.md and one scenario per
 * accounting rule, each roll-forward checked to the cent against figures derived by hand from
 * ledger's rules (the arithmetic is in the comments), plus the invariants every ledger must keep.
 */
// a ledger (context and database) of this class's own: its history must not meet another test's
// two segments here (one by default), four in a replay: every report, replay and redelivery must come out the same
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=AccountingScenariosTest",
        "axon.eventhandling.processors.ledger-projections.initial-segment-count=2",
        "axon.eventhandling.processors.ledger-projections.thread-count=2",
        "ledger.query.replay-segments=4", "ledger.query.segment-merge-interval=PT0.2S"})
@ContextConfiguration(initializers = FreshDatabase.class)
class AccountingScenariosTest extends LedgerScenario {

    private static final String JSON_ROLL_FORWARD = "/v1/reports/deferred-revenue?from=2025-01&to=2026-01&accountId=";

    @Autowired
    ProjectionProgress progress;

    @Autowired
    TokenStore tokens;

    @BeforeAll
    void driveAYearOfHistory() {
        startCommandSide("--ledger.clock.mode=manual");

        at("2025-01-01T10:00:00Z");
        created(commands.post("/v1/accounts", "{\"accountId\":\"we\"}"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"rf\"}"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"bn\",\"creditTerms\":{\"principalValidity\":\"P12M\",\"bonusValidity\":\"P3M\"}}"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"ov\",\"overdraftLimit\":\"50\"}"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"pp\",\"billingMode\":\"POSTPAID\"}"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"ao\"}"));
        created(commands.topUp("we", "we-t", "9999.00"));
        created(commands.topUp("rf", "rf-t", "999.00"));
        created(commands.topUp("bn", "bn-t", "99.00"));
        created(commands.topUp("ov", "ov-t1", "100.00"));
        created(commands.post("/v1/accounts/ao/top-ups", "{\"topUpId\":\"ao-t\",\"amount\":\"100.00\",\"principalExpiresAt\":\"2027-01-01T00:00:00Z\"}"));

        for (int month = 1; month <= 12; month++) {
            if (month == 2) {
                at("2025-02-15T12:00:00Z");
                created(commands.debit("rf", "rf-1", "100"));
                created(commands.debit("bn", "bn-1", "10"));
                created(commands.debit("ov", "ov-1", "120"));
                created(commands.debit("ao", "ao-1", "30"));
            }
            if (month == 3) {
                at("2025-03-10T12:00:00Z");
                created(commands.post("/v1/accounts/rf/refunds", "{\"refundId\":\"rf-r\",\"topUpId\":\"rf-t\",\"credits\":\"500\"}"));
                created(commands.topUp("ov", "ov-t2", "99.00"));
                at("2025-03-20T12:00:00Z");
                for (int call = 1; call <= 3; call++) {
                    created(commands.post("/v1/accounts/pp/usage",
                            "{\"idempotencyKey\":\"pp-" + call + "\",\"model\":\"gpt-4o\",\"inputTokens\":333333}"));
                }
            }
            if (month == 4) {
                assertThat(at("2025-04-01T10:00:00Z").path("lotsExpired").asInt()).isEqualTo(1); // bn's bonus lot
                at("2025-04-10T12:00:00Z");
                created(commands.debit("ov", "ov-2", "10"));
            }
            String monthEnd = YearMonth.of(2025, month).atEndOfMonth().atTime(23, 0).toInstant(ZoneOffset.UTC).toString();
            at(monthEnd);
            created(commands.post("/v1/accounts/we/usage", "{\"idempotencyKey\":\"we-" + month + "\",\"amount\":\""
                    + (month == 12 ? "641.63" : "641.60") + "\",\"occurredAt\":\"" + monthEnd + "\"}"));
        }
        // we, rf, bn (principal) and ov (first lot, empty) expire at 2026-01-01T10:00
        assertThat(at("2026-01-01T10:00:00Z").path("lotsExpired").asInt()).isEqualTo(4);
        awaitProjections();
    }

    @Test
    void workedExampleMonthByMonth() {
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + "we");
        assertThat(rows).hasSize(13);
        assertThat(column(rows, "usageRevenue")).containsExactly("583.27", "583.28", "583.27", "583.27", "583.27",
                "583.28", "583.27", "583.27", "583.27", "583.28", "583.27", "583.30", "0.00");
        assertThat(column(rows, "closingBalance")).containsExactly("9415.73", "8832.45", "8249.18", "7665.91",
                "7082.64", "6499.36", "5916.09", "5332.82", "4749.55", "4166.27", "3583.00", "2999.70", "0.00");
        assertThat(rows.get(0).path("topUpCash").asText()).isEqualTo("9999.00");
        assertThat(rows.get(12).path("breakage").asText()).isEqualTo("2999.70");
        assertThat(rows.get(12).at("/credits/expired").asText()).isEqualTo("3299.67");
        assertThat(rows.get(12).path("revenueFromOpeningBalance").asText()).isEqualTo("2999.70");
        BigDecimal lifetimeRevenue = sum(rows, "usageRevenue").add(sum(rows, "breakage"));
        assertThat(lifetimeRevenue).as("lifetime revenue = cash").isEqualByComparingTo(sum(rows, "topUpCash"));
    }

    @Test
    void workedExampleByQuarter() {
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + "we&granularity=quarter");
        assertThat(column(rows, "period")).containsExactly("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1");
        assertThat(column(rows, "usageRevenue")).containsExactly("1749.82", "1749.82", "1749.81", "1749.85", "0.00");
        assertThat(column(rows, "breakage")).containsExactly("0.00", "0.00", "0.00", "0.00", "2999.70");
        assertThat(column(rows, "closingBalance")).containsExactly("8249.18", "6499.36", "4749.55", "2999.70", "0.00");
    }

    @Test
    void refundReleasesTheDeferredRevenueOfTheRefundedCredits() {
        // $999 pack: G = 1,058.94, A = 999.00, f(R) = round(999 × R / 1058.94)
        // Feb: 100 used → f(100) = round(94.339…) = 94.34
        // Mar: 500 refunded → f(600) − f(100) = round(566.038…) − 94.34 = 566.04 − 94.34 = 471.70
        // 2026-01: 458.94 expire → 999.00 − 566.04 = 432.96
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + "rf");
        figures(row(rows, "2025-01"), "0.00", "999.00", "0.00", "0.00", "0.00", "999.00");
        figures(row(rows, "2025-02"), "999.00", "0.00", "94.34", "0.00", "0.00", "904.66");
        figures(row(rows, "2025-03"), "904.66", "0.00", "0.00", "0.00", "471.70", "432.96");
        figures(row(rows, "2026-01"), "432.96", "0.00", "0.00", "432.96", "0.00", "0.00");
        assertThat(row(rows, "2025-03").at("/credits/refunded").asText()).isEqualTo("500.00");
        assertThat(row(rows, "2026-01").at("/credits/expired").asText()).isEqualTo("458.94");
    }

    @Test
    void theRevenueWaterfallOfARefundedCohortEndsWithNothingDeferred() {
        // rf's January cohort: $999 → A = 999.00. Feb: 100 credits used → 94.34 recognized.
        // Mar: 500 refunded → 471.70 paid back. 2026-01: the 458.94 left expire → breakage 432.96.
        // deferred = 999.00 − (94.34 + 432.96) − 471.70 = 0.00
        JsonNode cohort = queries.get("/v1/reports/revenue-waterfall?accountId=rf").body().at("/cohorts/0");
        assertThat(cohort.path("cohort").asText()).isEqualTo("2025-01");
        assertThat(cohort.path("cash").asText()).isEqualTo("999.00");
        assertThat(cohort.at("/recognized/2025-02").asText()).isEqualTo("94.34");
        assertThat(cohort.at("/recognized/2026-01").asText()).isEqualTo("432.96");
        assertThat(cohort.path("total").asText()).isEqualTo("527.30");
        assertThat(cohort.path("refunded").asText()).isEqualTo("471.70");
        assertThat(cohort.path("deferred").asText()).isEqualTo("0.00");
    }

    @Test
    void historyCarriesTheRunningBalanceThroughTopUpDebitRefundAndExpiry() {
        // rf: opened (0), $999 pack +1,058.94, 100 used, 500 refunded, notices 60, 7 and 1 days before
        // expiry (which move nothing), the 458.94 left expire
        JsonNode events = queries.get("/v1/accounts/rf/history").body().path("events");
        assertThat(column(events, "type")).containsExactly("AccountOpened", "TopUpPurchased", "UsageDebited",
                "Refunded", "LotExpiring", "LotExpiring", "LotExpiring", "CreditExpired");
        assertThat(column(events, "balanceChange")).containsExactly("0.00", "1058.94", "-100.00", "-500.00",
                "0.00", "0.00", "0.00", "-458.94");
        assertThat(column(events, "balanceAfter")).containsExactly("0.00", "1058.94", "958.94", "458.94",
                "458.94", "458.94", "458.94", "0.00");
    }

    @Test
    void separateBonusLotExpiresOnItsOwnInstant() {
        // $99 pack, bonus valid 3 months: bonus lot 19.80 credits with A = round(99 × 19.80 / 118.80) = 16.50,
        // principal 99.00 with A = 82.50. Feb: 10 credits from the bonus lot (sooner expiry):
        // round(16.50 × 10 / 19.80) = round(8.333…) = 8.33. 2025-04-01: 9.80 bonus credits expire,
        // breakage 16.50 − 8.33 = 8.17. 2026-01-01: the untouched principal expires, breakage 82.50.
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + "bn");
        figures(row(rows, "2025-01"), "0.00", "99.00", "0.00", "0.00", "0.00", "99.00");
        figures(row(rows, "2025-02"), "99.00", "0.00", "8.33", "0.00", "0.00", "90.67");
        figures(row(rows, "2025-04"), "90.67", "0.00", "0.00", "8.17", "0.00", "82.50");
        figures(row(rows, "2026-01"), "82.50", "0.00", "0.00", "82.50", "0.00", "0.00");
        assertThat(row(rows, "2025-04").at("/credits/expired").asText()).isEqualTo("9.80");
        assertThat(row(rows, "2025-04").path("revenueFromOpeningBalance").asText()).isEqualTo("8.17");
    }

    @Test
    void overageIsRevenueAtListAndTheNextTopUpSettlesIt() {
        // $100 (no bonus): A = 100.00. Feb: 120 used → 100 from the lot (revenue 100.00), 20 overage:
        // Dr 1215 / Cr 4010 20.00, outside the contract liability.
        // Mar: $99 pack (118.80 credits): 20 netted, 20.00 settles the receivable (Dr 1015 / Cr 1215),
        // 79.00 is allocated over the 98.80 remaining credits. Apr: 10 used → round(79 × 10 / 98.80) = 8.00.
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + "ov");
        figures(row(rows, "2025-02"), "100.00", "0.00", "100.00", "0.00", "0.00", "0.00");
        figures(row(rows, "2025-03"), "0.00", "79.00", "0.00", "0.00", "0.00", "79.00");
        figures(row(rows, "2025-04"), "79.00", "0.00", "8.00", "0.00", "0.00", "71.00");
        assertThat(row(rows, "2026-01").path("closingBalance").asText()).isEqualTo("71.00");
        assertThat(row(rows, "2025-03").at("/credits/consumed").asText()).as("netted").isEqualTo("20.00");

        Map<String, JsonNode> trial = trialBalance("ov");
        assertThat(trial.get("1215").path("debit").asText()).isEqualTo("20.00");
        assertThat(trial.get("1215").path("credit").asText()).isEqualTo("20.00");
        assertThat(trial.get("4010").path("credit").asText()).isEqualTo("20.00");
        assertThat(trial.get("1015").path("debit").asText()).isEqualTo("199.00");

        JsonNode balance = queries.get("/v1/accounts/ov/balance?asOf=2025-03-01T00:00:00Z").body();
        assertThat(balance.path("available").asText()).isEqualTo("-20.00");
        assertThat(balance.path("overage").asText()).isEqualTo("20.00");
    }

    @Test
    void postpaidMonthIsInvoicedAndRecognizedByCumulativeRounding() {
        // 3 calls × 333,333 gpt-4o input tokens × 2.50 / 1M = 0.8333325 credits each.
        // Cumulative: round(0.8333325) = 0.83, round(1.666665) − 0.83 = 0.84, round(2.4999975) − 1.67 = 0.83.
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + "pp");
        assertThat(rows).allSatisfy(r -> figures(r, "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"));

        assertThat(jdbc.queryForList("SELECT credit FROM qs_journal_line WHERE account_id = 'pp' AND account_code = '4010' "
                + "ORDER BY global_index", BigDecimal.class)).extracting(BigDecimal::toPlainString)
                .containsExactly("0.83", "0.84", "0.83");
        Map<String, JsonNode> trial = trialBalance("pp");
        assertThat(trial.get("1210").path("debit").asText()).isEqualTo("2.50");
        assertThat(trial.get("4010").path("credit").asText()).isEqualTo("2.50");

        JsonNode invoices = queries.get("/v1/invoices?accountId=pp").body().path("invoices");
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).path("invoiceId").asText()).isEqualTo("pp:2025-03");
        JsonNode invoice = queries.get("/v1/invoices/pp:2025-03").body();
        assertThat(invoice.path("total").asText()).isEqualTo("2.50");
        assertThat(invoice.path("lines")).hasSize(1);
        assertThat(invoice.at("/lines/0/model").asText()).isEqualTo("gpt-4o");
        assertThat(invoice.at("/lines/0/dimension").asText()).isEqualTo("input");
        assertThat(invoice.at("/lines/0/tokens").asLong()).isEqualTo(999_999);
        assertThat(invoice.at("/lines/0/credits").asText()).isEqualTo("2.4999975"); // a decimal string, like every amount
        assertThat(invoice.at("/lines/0/idempotencyKeys")).hasSize(3);
        assertThat(queries.get("/v1/usage/pp/pp-2/trace").body().path("invoiceId").asText()).isEqualTo("pp:2025-03");
    }

    @ParameterizedTest(name = "invariants hold for account {0}")
    @ValueSource(strings = {"we", "rf", "bn", "ov", "pp", "ao"})
    void invariantsHold(String account) {
        List<JsonNode> rows = rows(JSON_ROLL_FORWARD + account);
        for (JsonNode row : rows) {
            BigDecimal closing = money(row, "openingBalance").add(money(row, "topUpCash")).subtract(money(row, "usageRevenue"))
                    .subtract(money(row, "breakage")).subtract(money(row, "refunds")).subtract(money(row, "other"));
            assertThat(money(row, "closingBalance")).as("cash roll-forward foots in " + row.path("period"))
                    .isEqualByComparingTo(closing);
            JsonNode credits = row.path("credits");
            BigDecimal closingCredits = money(credits, "opening").add(money(credits, "granted"))
                    .subtract(money(credits, "consumed")).subtract(money(credits, "expired")).subtract(money(credits, "refunded"));
            assertThat(money(credits, "closing")).as("credits roll-forward foots in " + row.path("period"))
                    .isEqualByComparingTo(closingCredits);
        }
        for (int i = 1; i < rows.size(); i++) {
            assertThat(money(rows.get(i), "openingBalance")).isEqualByComparingTo(money(rows.get(i - 1), "closingBalance"));
        }

        JsonNode lots = queries.get("/v1/reports/lots?accountId=" + account).body().path("lots");
        BigDecimal deferred = BigDecimal.ZERO;
        BigDecimal remaining = BigDecimal.ZERO;
        for (JsonNode lot : lots) {
            deferred = deferred.add(money(lot, "deferred"));
            remaining = remaining.add(money(lot, "remaining"));
            if (money(lot, "remaining").signum() == 0) {
                assertThat(money(lot, "deferred")).as("fully released lot %s released exactly its cash", lot.path("lotId"))
                        .isZero();
            }
        }
        JsonNode last = rows.get(rows.size() - 1);
        assertThat(money(last, "closingBalance")).as("closing contract liability = Σ lot deferred").isEqualByComparingTo(deferred);
        assertThat(money(last.path("credits"), "closing")).as("closing credits = Σ lot remaining").isEqualByComparingTo(remaining);

        Map<String, JsonNode> trial = trialBalance(account);
        BigDecimal debits = trial.values().stream().map(r -> money(r, "debit")).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credited = trial.values().stream().map(r -> money(r, "credit")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debits).as("journal balances").isEqualByComparingTo(credited);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT event_id FROM qs_journal_line WHERE account_id = ? "
                + "GROUP BY event_id HAVING SUM(debit) <> SUM(credit)) unbalanced", Long.class, account))
                .as("every event balances").isZero();
    }

    @Test
    void pastBalanceAndClosedMonthDoNotChangeWhenLaterEventsArrive() {
        String balance = queries.get("/v1/accounts/ao/balance?asOf=2025-02-20T00:00:00Z").raw();
        String february = queries.get("/v1/reports/deferred-revenue?from=2025-02&to=2025-02&accountId=ao").raw();
        assertThat(balance).contains("\"available\":\"70.00\"");

        created(commands.debit("ao", "ao-later", "5"));
        created(commands.topUp("ao", "ao-t2", "99.00"));
        awaitProjections();

        assertThat(queries.get("/v1/accounts/ao/balance").body().path("available").asText()).isEqualTo("183.80");
        assertThat(queries.get("/v1/accounts/ao/balance?asOf=2025-02-20T00:00:00Z").raw()).isEqualTo(balance);
        assertThat(queries.get("/v1/reports/deferred-revenue?from=2025-02&to=2025-02&accountId=ao").raw()).isEqualTo(february);
    }

    @Test
    void replayRebuildsEveryReportByteForByte() {
        List<String> reports = List.of(
                "/v1/reports/deferred-revenue?from=2025-01&to=2026-01",
                "/v1/reports/deferred-revenue?from=2025-01&to=2026-01&granularity=quarter&format=csv",
                "/v1/reports/revenue-waterfall", "/v1/reports/revenue-waterfall?format=csv",
                "/v1/reports/lots?asOf=2025-06-30T00:00:00Z", "/v1/reports/lots?format=csv",
                "/v1/reports/journal?from=2025-01&to=2026-01", "/v1/reports/journal?from=2025-01&to=2026-01&format=csv",
                "/v1/reports/trial-balance", "/v1/accounts/we/history", "/v1/accounts/ov/balance",
                "/v1/invoices/pp:2025-03", "/v1/usage/rf/rf-1/trace");
        Map<String, String> before = new LinkedHashMap<>();
        reports.forEach(report -> before.put(report, queries.get(report).raw()));

        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        assertThat(projectionSegments()).as("split for the replay").isGreaterThan(2);
        awaitProjections();

        reports.forEach(report -> assertThat(queries.get(report).raw()).as(report).isEqualTo(before.get(report)));
        // merged back into the two it runs on live, the merged tokens' overlap projected once
        awaitProjectionSegments(2);
        awaitProjections();
        reports.forEach(report -> assertThat(queries.get(report).raw()).as(report).isEqualTo(before.get(report)));
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        List<String> reports = List.of("/v1/reports/journal?from=2025-01&to=2026-01&format=csv",
                "/v1/reports/deferred-revenue?from=2025-01&to=2026-01&format=csv", "/v1/accounts/ov/history",
                "/v1/reports/lots?format=csv");
        Map<String, String> before = new LinkedHashMap<>();
        reports.forEach(report -> before.put(report, queries.get(report).raw()));

        // a streaming processor may deliver events again (at-least-once): rewind the token, keep the tables
        StreamingEventProcessor processor = progress.processor();
        processor.shutDown();
        for (int segment : tokens.fetchSegments(Projections.GROUP)) {
            tokens.storeToken(GapAwareTrackingToken.newInstance(0, List.of()), Projections.GROUP, segment);
        }
        processor.start();
        awaitProjections();

        reports.forEach(report -> assertThat(queries.get(report).raw()).as(report).isEqualTo(before.get(report)));
    }

    @Test
    void usageTracesForwardToTheJournalAndReportFiguresTraceBackToTheCalls() {
        List<Map<String, Object>> usage = jdbc.queryForList(
                "SELECT account_id, idempotency_key, event_id FROM qs_usage ORDER BY global_index");
        Collections.shuffle(usage, new Random(42));
        for (Map<String, Object> call : usage.subList(0, 8)) {
            JsonNode trace = queries.get("/v1/usage/" + call.get("account_id") + "/" + call.get("idempotency_key") + "/trace").body();
            assertThat(trace.at("/usage/eventId").asText()).isEqualTo(call.get("event_id"));
            BigDecimal drawn = BigDecimal.ZERO;
            BigDecimal credits = new BigDecimal(trace.at("/usage/overage").asText());
            for (JsonNode draw : trace.path("draws")) {
                drawn = drawn.add(new BigDecimal(draw.path("revenue").asText()));
                credits = credits.add(new BigDecimal(draw.path("credits").asText()));
            }
            // credits are decimal strings, as in every other answer; a prepaid call's amount is what it drew
            // plus overage, a postpaid call (the one with an invoice) draws nothing
            assertThat(trace.at("/usage/amount").isTextual()).isTrue();
            if (trace.path("invoiceId").isNull()) {
                assertThat(new BigDecimal(trace.at("/usage/amount").asText())).isEqualByComparingTo(credits);
            } else {
                assertThat(trace.path("draws")).isEmpty();
            }
            BigDecimal posted = BigDecimal.ZERO;
            for (JsonNode line : trace.path("journalLines")) {
                assertThat(line.path("eventId").asText()).isEqualTo(call.get("event_id"));
                if (line.path("accountCode").asText().equals("2400")) {
                    posted = posted.add(money(line, "debit"));
                }
            }
            assertThat(posted).as("journal lines of %s", call.get("idempotency_key")).isEqualByComparingTo(drawn);
        }

        JsonNode cell = queries.get("/v1/reports/deferred-revenue/trace?period=2025-02&column=usageRevenue&accountId=rf").body();
        assertThat(cell.path("total").asText()).isEqualTo(row(rows(JSON_ROLL_FORWARD + "rf"), "2025-02").path("usageRevenue").asText());
        List<String> calls = new ArrayList<>();
        cell.path("lines").forEach(line -> calls.add(line.path("idempotencyKey").asText()));
        assertThat(calls).containsOnly("rf-1");
        String eventId = cell.at("/lines/0/eventId").asText();
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'idempotencyKey' FROM domainevententry "
                + "WHERE eventidentifier = ?", String.class, eventId)).isEqualTo("rf-1");
    }

    private Map<String, JsonNode> trialBalance(String account) {
        Map<String, JsonNode> byCode = new HashMap<>();
        queries.get("/v1/reports/trial-balance?accountId=" + account).body().path("accounts")
                .forEach(row -> byCode.put(row.path("accountCode").asText(), row));
        return byCode;
    }

    private static JsonNode row(List<JsonNode> rows, String period) {
        return rows.stream().filter(r -> r.path("period").asText().equals(period)).findFirst().orElseThrow();
    }

    private static List<String> column(List<JsonNode> rows, String field) {
        return rows.stream().map(r -> r.path(field).asText()).toList();
    }

    private static List<String> column(JsonNode rows, String field) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row.path(field).asText()));
        return values;
    }

    private static BigDecimal sum(List<JsonNode> rows, String field) {
        return rows.stream().map(r -> money(r, field)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal money(JsonNode node, String field) {
        return new BigDecimal(node.path(field).asText());
    }

    /** opening, top-up cash, usage revenue, breakage, refunds, closing of one roll-forward row. */
    private static void figures(JsonNode row, String opening, String topUpCash, String usage, String breakage,
                                String refunds, String closing) {
        assertThat(List.of(row.path("openingBalance").asText(), row.path("topUpCash").asText(),
                row.path("usageRevenue").asText(), row.path("breakage").asText(), row.path("refunds").asText(),
                row.path("closingBalance").asText()))
                .as("row " + row.path("period").asText())
                .containsExactly(opening, topUpCash, usage, breakage, refunds, closing);
    }
}
