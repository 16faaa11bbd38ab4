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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan of 100.00 a month with 120.00 included credits from 2025-02-01, on an account allowed 50.00
 * of overdraft: each month start bills the fee and grants the month's credits at p = 100/120, the
 * unused rest is breakage at the month's end, usage beyond the allowance is overage, the fee is an
 * invoice to be paid, and a cancellation ends the plan at the next month start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=PlanTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanTest extends LedgerScenario {

    private static final String ROLL_FORWARD = "/v1/reports/deferred-revenue?from=2025-02&to=2025-03&accountId=pl";

    private LedgerClient finance;

    @BeforeAll
    void driveTwoPlanMonths() {
        startCommandSide("--ledger.clock.mode=manual");
        finance = keyOf("FINANCE");

        at("2025-01-15T00:00:00Z");
        created(commands.post("/v1/accounts", "{\"accountId\":\"pl\",\"overdraftLimit\":\"50\"}"));
        LedgerClient.Response plan = finance.put("/v1/accounts/pl/plan",
                "{\"monthlyFee\":\"100.00\",\"includedCredits\":\"120.00\",\"startsAt\":\"2025-02-01T00:00:00Z\"}");
        assertThat(plan.status()).as(plan.raw()).isEqualTo(200);
        assertThat(plan.text("nextRenewal")).isEqualTo("2025-02");
        assertThat(at("2025-02-01T00:00:00Z").path("plansRenewed").asInt()).isEqualTo(1);
        at("2025-02-20T12:00:00Z");
        created(commands.debit("pl", "feb", "90.00")); // 90 × 100/120 = 75.00
        JsonNode march1 = at("2025-03-01T00:00:00Z");
        assertThat(march1.path("lotsExpired").asInt()).isEqualTo(1); // February's 30.00 credits left
        assertThat(march1.path("plansRenewed").asInt()).isEqualTo(1);
        at("2025-03-20T12:00:00Z");
        created(commands.debit("pl", "mar", "130.00")); // 120.00 from the allowance (100.00), 10.00 overage
        awaitProjections();
    }

    @Test
    @Order(1)
    void theFeeIsRecognizedAsTheAllowanceIsUsedAndTheRestIsBreakage() {
        JsonNode february = queries.get(ROLL_FORWARD).body().path("rows").get(0);
        assertThat(february.path("planFees").asText()).isEqualTo("100.00");
        assertThat(february.path("usageRevenue").asText()).isEqualTo("75.00");
        assertThat(february.path("breakage").asText()).isEqualTo("25.00"); // 100.00 − 75.00 at the month's end
        assertThat(february.path("closingBalance").asText()).isEqualTo("0.00");
        assertThat(february.path("credits").path("expired").asText()).isEqualTo("30.00");

        JsonNode march = queries.get(ROLL_FORWARD).body().path("rows").get(1);
        assertThat(march.path("planFees").asText()).isEqualTo("100.00");
        assertThat(march.path("usageRevenue").asText()).isEqualTo("100.00"); // all 120 included credits
        JsonNode balance = queries.get("/v1/accounts/pl/balance").body();
        assertThat(balance.path("overage").asText()).isEqualTo("10.00");
        assertThat(queries.get("/v1/admin/reconciliation").body().path("differences")).isEmpty();
    }

    @Test
    @Order(2)
    void eachFeeIsAnInvoiceToPay() {
        JsonNode invoices = queries.get("/v1/invoices?accountId=pl").body().path("invoices");
        assertThat(invoices).hasSize(2);
        assertThat(invoices.get(0).path("invoiceId").asText()).isEqualTo("pl:2025-02");
        assertThat(invoices.get(0).path("total").asText()).isEqualTo("100.00");
        assertThat(invoices.get(0).path("status").asText()).isEqualTo("issued");
        LedgerClient.Response paid = finance.post("/v1/invoices/pl:2025-02/payments",
                "{\"paymentId\":\"fee-feb\",\"amount\":\"100.00\"}");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(paid.text("status")).isEqualTo("paid");
        awaitProjections();
        // March's fee is still owed on 03-31: billed 03-01, due 03-31
        JsonNode aging = queries.get("/v1/reports/receivables?accountId=pl&asOf=2025-03-31T00:00:00Z").body();
        assertThat(aging.path("total").asText()).isEqualTo("100.00");
        assertThat(aging.path("buckets").path("current").asText()).isEqualTo("100.00");
    }

    @Test
    @Order(3)
    void aCancelledPlanEndsAtTheNextMonthStart() {
        at("2025-03-25T00:00:00Z");
        LedgerClient.Response cancelled = finance.send("DELETE", "/v1/accounts/pl/plan", null, "application/json");
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.text("endsAt")).isEqualTo("2025-04-01T00:00:00Z");
        assertThat(at("2025-04-01T00:00:00Z").path("plansRenewed").asInt()).isZero();
        awaitProjections();
        assertThat(queries.get("/v1/invoices?accountId=pl").body().path("invoices")).hasSize(2);
    }

    @Test
    @Order(4)
    void badPlansAreRefusedAndChangeNothing() {
        long events = events();
        String[] bodies = {
                "{\"monthlyFee\":\"100.00\",\"includedCredits\":\"120\",\"startsAt\":\"2025-01-01T00:00:00Z\"}",
                "{\"monthlyFee\":\"100.00\",\"includedCredits\":\"120\",\"startsAt\":\"2025-05-02T00:00:00Z\"}",
                "{\"monthlyFee\":\"100.00\",\"includedCredits\":\"0\",\"startsAt\":\"2025-05-01T00:00:00Z\"}",
                "{\"monthlyFee\":100,\"includedCredits\":\"120\",\"startsAt\":\"2025-05-01T00:00:00Z\"}",
                "{\"monthlyFee\":\"-1.00\",\"includedCredits\":\"120\",\"startsAt\":\"2025-05-01T00:00:00Z\"}"};
        for (String body : bodies) {
            LedgerClient.Response refused = finance.put("/v1/accounts/pl/plan", body);
            assertThat(refused.status()).as(body + " " + refused.raw()).isEqualTo(400);
            assertThat(refused.text("code")).isEqualTo("validation_failed");
        }
        assertThat(events()).isEqualTo(events);
    }
}
