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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promotional credit through both services: granted without cash, used first, expired without
 * breakage, shown in lots, history and the credits roll-forward; a large grant needs a second key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=PromotionalGrantsTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromotionalGrantsTest extends LedgerScenario {

    private LedgerClient support;
    private LedgerClient finance;
    private LedgerClient secondFinance;

    @BeforeAll
    void driveHistory() {
        startCommandSide("--ledger.clock.mode=manual",
                "--ledger.grants.approval-threshold=100");
        support = keyOf("SUPPORT");
        finance = keyOf("FINANCE");
        secondFinance = keyOf("FINANCE");

        at("2025-03-01T00:00:00Z");
        created(commands.openAccount("gr"));
        created(commands.topUp("gr", "t1", "99.00")); // 118.80 credits (19.80 bonus), expiring 2026-03-01
        LedgerClient.Response granted = support.post("/v1/accounts/gr/grants",
                "{\"grantId\":\"g1\",\"credits\":\"50.00\",\"reason\":\"launch promo\",\"validity\":\"P30D\"}");
        created(granted);
        assertThat(granted.text("lotId")).isEqualTo("g1.promotional");
        assertThat(granted.text("expiresAt")).isEqualTo("2025-03-31T00:00:00Z");
        at("2025-03-10T12:00:00Z");
        created(commands.debit("gr", "u1", "20.00")); // from the grant, which expires first
        // at 03-31 the grant's other 30.00 credits expire
        assertThat(at("2025-03-31T00:00:00Z").path("lotsExpired").asInt()).isEqualTo(1);
        awaitProjections();
    }

    @Test
    @Order(1)
    void promotionalCreditEarnsNoRevenueAndNoBreakageAndTheCreditsFoot() {
        JsonNode march = queries.get("/v1/reports/deferred-revenue?from=2025-03&to=2025-03&accountId=gr").body()
                .path("rows").get(0);
        assertThat(march.path("topUpCash").asText()).isEqualTo("99.00");
        assertThat(march.path("usageRevenue").asText()).isEqualTo("0.00");
        assertThat(march.path("breakage").asText()).isEqualTo("0.00");
        assertThat(march.path("closingBalance").asText()).isEqualTo("99.00");
        JsonNode credits = march.path("credits");
        // 0 + 168.80 granted (118.80 bought, 50.00 free) − 20.00 used − 30.00 expired = 118.80
        assertThat(credits.path("granted").asText()).isEqualTo("168.80");
        assertThat(credits.path("grantedFree").asText()).isEqualTo("50.00");
        assertThat(credits.path("consumed").asText()).isEqualTo("20.00");
        assertThat(credits.path("expired").asText()).isEqualTo("30.00");
        assertThat(credits.path("closing").asText()).isEqualTo("118.80");

        JsonNode lot = lot("g1.promotional");
        assertThat(lot.path("kind").asText()).isEqualTo("PROMOTIONAL");
        assertThat(List.of(lot.path("granted").asText(), lot.path("used").asText(), lot.path("expired").asText(),
                lot.path("remaining").asText(), lot.path("allocatedCash").asText(), lot.path("deferred").asText()))
                .containsExactly("50.00", "20.00", "30.00", "0.00", "0.00", "0.00");
        assertThat(queries.get("/v1/accounts/gr/balance").body().path("available").asText()).isEqualTo("118.80");
        assertThat(queries.get("/v1/accounts/gr/history").raw()).contains("CreditGranted");
        assertThat(queries.get("/v1/admin/reconciliation").body().path("differences")).isEmpty();
    }

    @Test
    @Order(2)
    void aGrantAboveTheThresholdWaitsForASecondFinanceKey() {
        LedgerClient.Response requested = finance.post("/v1/accounts/gr/grants",
                "{\"grantId\":\"g2\",\"credits\":\"150\",\"reason\":\"outage credit\",\"expiresAt\":\"2025-06-30T00:00:00Z\"}");
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        assertThat(requested.text("status")).isEqualTo("pending_approval");
        refused(finance.post("/v1/accounts/gr/grants/g2/approve", ""), 403, "approver_is_requester");
        assertThat(support.post("/v1/accounts/gr/grants/g2/approve", "").status()).isEqualTo(403);
        LedgerClient.Response approved = secondFinance.post("/v1/accounts/gr/grants/g2/approve", "");
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("granted");
        awaitProjections();
        assertThat(lot("g2.promotional").path("remaining").asText()).isEqualTo("150.00");
    }

    @Test
    @Order(3)
    void badGrantsAreRefusedAndChangeNothing() {
        long events = events();
        String[] bodies = {
                "{\"grantId\":\"b1\",\"credits\":\"0\",\"reason\":\"x\",\"validity\":\"P30D\"}",
                "{\"grantId\":\"b1\",\"credits\":\"-5.00\",\"reason\":\"x\",\"validity\":\"P30D\"}",
                "{\"grantId\":\"b1\",\"credits\":50,\"reason\":\"x\",\"validity\":\"P30D\"}",
                "{\"grantId\":\"b1\",\"credits\":\"5\",\"reason\":\"x\"}",
                "{\"grantId\":\"b1\",\"credits\":\"5\",\"reason\":\"x\",\"validity\":\"P30D\",\"expiresAt\":\"2025-06-30T00:00:00Z\"}",
                "{\"grantId\":\"b1\",\"credits\":\"5\",\"reason\":\"x\",\"expiresAt\":\"2025-01-01T00:00:00Z\"}",
                "{\"grantId\":\"b1\",\"credits\":\"5\",\"validity\":\"P30D\"}",
                "{\"grantId\":\"b/1\",\"credits\":\"5\",\"reason\":\"x\",\"validity\":\"P30D\"}"};
        for (String body : bodies) {
            refused(support.post("/v1/accounts/gr/grants", body), 400, "validation_failed");
        }
        refused(support.post("/v1/accounts/gr/refunds", "{\"refundId\":\"r1\",\"topUpId\":\"g1\",\"all\":true}"), 404,
                "top_up_not_found");
        assertThat(events()).isEqualTo(events);
    }

    private JsonNode lot(String lotId) {
        List<JsonNode> found = new ArrayList<>();
        queries.get("/v1/reports/lots?accountId=gr").body().path("lots").forEach(lot -> {
            if (lot.path("lotId").asText().equals(lotId)) {
                found.add(lot);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
