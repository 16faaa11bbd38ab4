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
 * A postpaid account through a quarter: 154.00 of usage a month (50M input + 10M output tokens of
 * gemini-3.1-pro: 50 × 1.40 + 10 × 8.40), each month invoiced on the 1st and paid later, the
 * receivables aged, a late call billed on the next invoice, and refusals that change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=InvoiceLifecycleTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvoiceLifecycleTest extends LedgerScenario {

    private static final String CALL = "\"model\":\"gemini-3.1-pro\",\"inputTokens\":50000000,\"outputTokens\":10000000";

    private LedgerClient finance;

    @BeforeAll
    void driveAQuarter() {
        startCommandSide("--ledger.clock.mode=manual");
        finance = keyOf("FINANCE");

        at("2025-01-01T00:00:00Z");
        created(commands.post("/v1/accounts", "{\"accountId\":\"inv\",\"billingMode\":\"POSTPAID\"}"));
        at("2025-01-15T12:00:00Z");
        created(commands.post("/v1/accounts/inv/usage", "{\"idempotencyKey\":\"u1\"," + CALL + "}"));
        at("2025-02-01T00:00:00Z");
        LedgerClient.Response january = finance.post("/v1/invoices/inv:2025-01/issue", "");
        created(january);
        assertThat(january.text("total")).isEqualTo("154.00");
        assertThat(january.text("dueAt")).isEqualTo("2025-03-03T00:00:00Z"); // 30 days net
        at("2025-02-15T12:00:00Z");
        created(commands.post("/v1/accounts/inv/usage", "{\"idempotencyKey\":\"u2\"," + CALL + "}"));
        at("2025-02-20T09:00:00Z");
        created(finance.post("/v1/invoices/inv:2025-01/payments", "{\"paymentId\":\"p1\",\"amount\":\"154.00\"}"));
        at("2025-03-01T00:00:00Z");
        created(finance.post("/v1/invoices/inv:2025-02/issue", "")); // due 2025-03-31T00:00Z
        at("2025-03-15T12:00:00Z");
        created(commands.post("/v1/accounts/inv/usage", "{\"idempotencyKey\":\"u3\"," + CALL + "}"));
        at("2025-04-01T00:00:00Z");
        created(finance.post("/v1/invoices/inv:2025-03/issue", ""));
        at("2025-04-05T09:00:00Z");
        created(finance.post("/v1/invoices/inv:2025-02/payments", "{\"paymentId\":\"p2\",\"amount\":\"154.00\"}"));
        at("2025-04-10T09:00:00Z");
        LedgerClient.Response part = finance.post("/v1/invoices/inv:2025-03/payments",
                "{\"paymentId\":\"p3a\",\"amount\":\"54.00\"}");
        created(part);
        assertThat(part.text("status")).isEqualTo("partially_paid");
        assertThat(part.text("open")).isEqualTo("100.00");
        at("2025-04-20T09:00:00Z");
        created(finance.post("/v1/invoices/inv:2025-03/payments", "{\"paymentId\":\"p3b\",\"amount\":\"100.00\"}"));
        awaitProjections();
    }

    @Test
    @Order(1)
    void eachMonthEarns154AndIsUnbilledUntilItsInvoiceThenBilledUntilPaid() {
        // revenue at list price (4010) is a credit balance: 154.00 more each month
        assertThat(balance("4010", "2025-01-31T23:59:59Z")).isEqualTo("-154.00");
        assertThat(balance("4010", "2025-02-28T23:59:59Z")).isEqualTo("-308.00");
        assertThat(balance("4010", "2025-03-31T23:59:59Z")).isEqualTo("-462.00");
        // at each month end only that month's usage is unbilled: the month before was invoiced on the 1st
        assertThat(balance("1210", "2025-01-31T23:59:59Z")).isEqualTo("154.00");
        assertThat(balance("1210", "2025-02-28T23:59:59Z")).isEqualTo("154.00");
        assertThat(balance("1210", "2025-03-31T23:59:59Z")).isEqualTo("154.00");
        // on 03-31 February's invoice is open (January's was paid 02-20), due that very day: current
        assertThat(balance("1200", "2025-03-31T23:59:59Z")).isEqualTo("154.00");
        JsonNode aging = queries.get("/v1/reports/receivables?asOf=2025-03-31T23:59:59Z").body();
        assertThat(aging.path("buckets").path("current").asText()).isEqualTo("154.00");
        assertThat(aging.path("total").asText()).isEqualTo("154.00");
        assertThat(aging.path("invoices").get(0).path("invoiceId").asText()).isEqualTo("inv:2025-02");
        // a day later it is a day past due
        assertThat(queries.get("/v1/reports/receivables?asOf=2025-04-01T12:00:00Z").body().path("buckets")
                .path("1-30").asText()).isEqualTo("154.00");
        // by 04-30 everything is paid: 462.00 cash, nothing receivable
        assertThat(balance("1200", "2025-04-30T23:59:59Z")).isEqualTo("0.00");
        assertThat(balance("1015", "2025-04-30T23:59:59Z")).isEqualTo("462.00");
        assertThat(queries.get("/v1/reports/receivables?asOf=2025-04-30T23:59:59Z").body().path("total").asText())
                .isEqualTo("0.00");
        assertThat(queries.get("/v1/admin/reconciliation").body().path("differences")).isEmpty();
    }

    @Test
    @Order(2)
    void anIssuedInvoiceShowsItsFrozenLinesPaymentsAndCalls() {
        JsonNode march = queries.get("/v1/invoices/inv:2025-03").body();
        assertThat(march.path("status").asText()).isEqualTo("paid");
        assertThat(march.path("total").asText()).isEqualTo("154.00");
        assertThat(march.path("billed").get(0).path("model").asText()).isEqualTo("gemini-3.1-pro");
        assertThat(march.path("billed").get(0).path("calls").asLong()).isEqualTo(1);
        assertThat(march.path("payments")).hasSize(2);
        assertThat(march.path("lines").get(0).path("idempotencyKeys").get(0).asText()).isEqualTo("u3");
        JsonNode list = queries.get("/v1/invoices?accountId=inv").body().path("invoices");
        assertThat(list).hasSize(3);
        list.forEach(invoice -> assertThat(invoice.path("status").asText()).isEqualTo("paid"));
    }

    @Test
    @Order(3)
    void aLateCallGoesOnTheNextInvoiceAndTheIssuedOneNeverChanges() {
        at("2025-04-21T09:00:00Z");
        created(commands.post("/v1/accounts/inv/usage",
                "{\"idempotencyKey\":\"late\",\"occurredAt\":\"2025-03-20T12:00:00Z\"," + CALL + "}"));
        awaitProjections();
        assertThat(queries.get("/v1/invoices/inv:2025-03").body().path("total").asText()).isEqualTo("154.00");
        JsonNode april = queries.get("/v1/invoices/inv:2025-04").body();
        assertThat(april.path("status").asText()).isEqualTo("draft");
        assertThat(april.path("total").asText()).isEqualTo("154.00");
        assertThat(april.path("lines").get(0).path("idempotencyKeys").get(0).asText()).isEqualTo("late");
    }

    @Test
    @Order(4)
    void refusalsChangeNothing() {
        long events = events();
        refused(finance.post("/v1/invoices/inv:2025-03/payments", "{\"paymentId\":\"p9\",\"amount\":\"0.01\"}"), 422,
                "payment_exceeds_open_amount");
        refused(finance.post("/v1/invoices/inv:2025-04/issue", ""), 409, "period_not_ended");
        refused(finance.post("/v1/invoices/inv:2025-01/issue", ""), 409, "invoice_issued");
        refused(finance.post("/v1/invoices/inv:2025-04/payments", "{\"paymentId\":\"p9\",\"amount\":\"1.00\"}"), 404,
                "invoice_not_issued");
        refused(finance.post("/v1/invoices/inv:2025-03/payments", "{\"paymentId\":\"p9\",\"amount\":\"0\"}"), 400,
                "validation_failed");
        refused(finance.post("/v1/invoices/inv:2025-03/payments", "{\"paymentId\":\"p9\",\"amount\":1}"), 400,
                "validation_failed");
        refused(finance.post("/v1/invoices/inv-2025-03/issue", ""), 400, "validation_failed");
        // the same payment again answers what was recorded
        LedgerClient.Response again = finance.post("/v1/invoices/inv:2025-01/payments",
                "{\"paymentId\":\"p1\",\"amount\":\"154.00\"}");
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.text("paidAt")).isEqualTo("2025-02-20T09:00:00Z");
        assertThat(events()).isEqualTo(events);
    }

    private String balance(String accountCode, String asOf) {
        for (JsonNode row : queries.get("/v1/reports/trial-balance?accountId=inv&asOf=" + asOf).body().path("accounts")) {
            if (row.path("accountCode").asText().equals(accountCode)) {
                return row.path("balance").asText();
            }
        }
        return "0.00";
    }
}
