package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prepaid against metered, from two customers' own histories driven through the command side:
 * the worked example's $9,999 pack that let 30% expire, and a steady gemini-3.1-pro workload that
 * buys a $999 pack whenever the last runs out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=EconomicsTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class EconomicsTest extends LedgerScenario {

    // 50M input + 10M output tokens of gemini-3.1-pro at 1.40 / 8.40 per 1M = 70.00 + 84.00 = 154.00 credits
    private static final String STEADY_MONTH = "\"model\":\"gemini-3.1-pro\",\"inputTokens\":50000000,\"outputTokens\":10000000";

    @BeforeAll
    void driveTwoCustomers() {
        startCommandSide("--ledger.clock.mode=manual");
        at("2025-01-01T10:00:00Z");
        created(commands.post("/v1/accounts", "{\"accountId\":\"we\"}"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"steady\"}"));
        created(commands.topUp("we", "we-t", "9999.00"));
        created(commands.topUp("steady", "steady-1", "999.00"));
        created(commands.post("/v1/accounts", "{\"accountId\":\"gp\"}"));
        created(commands.topUp("gp", "gp-t", "99.00"));
        int packs = 1;
        for (int month = 1; month <= 12; month++) {
            String monthEnd = YearMonth.of(2025, month).atEndOfMonth().atTime(23, 0).toInstant(ZoneOffset.UTC).toString();
            at(monthEnd);
            created(commands.post("/v1/accounts/we/usage", "{\"idempotencyKey\":\"we-" + month + "\",\"amount\":\""
                    + (month == 12 ? "641.63" : "641.60") + "\",\"occurredAt\":\"" + monthEnd + "\"}"));
            if (month == 7) {
                // 1,058.94 − 6 × 154.00 = 134.94 left: not a month's worth, so the next pack is bought first
                assertThat(commands.get("/v1/accounts/steady/spendable").text("available")).isEqualTo("134.94");
                created(commands.topUp("steady", "steady-" + ++packs, "999.00"));
            }
            created(commands.post("/v1/accounts/steady/usage", "{\"idempotencyKey\":\"steady-" + month + "\","
                    + STEADY_MONTH + ",\"occurredAt\":\"" + monthEnd + "\"}"));
            if (month == 3) {
                // 120,000 × 2.00 + 8,000 × 12.00 per 1M = 0.24 + 0.096 = 0.336 credits at the standard card
                created(commands.post("/v1/accounts/gp/usage", "{\"idempotencyKey\":\"gp-1\",\"model\":\"gpt-5.4\","
                        + "\"inputTokens\":120000,\"outputTokens\":8000}"));
            }
        }
        at("2026-01-01T10:00:00Z"); // the $9,999 lot expires
        awaitProjections();
    }

    @Test
    void theWorkedExampleLostMoneyAgainstMeteredBilling() {
        JsonNode economics = economics("we", "2026-01-02T00:00:00Z");
        JsonNode pack = economics.path("topUps").get(0);
        assertThat(pack.path("cashPaid").asText()).isEqualTo("9999.00");
        assertThat(pack.path("creditsReceived").asText()).isEqualTo("10998.90");
        assertThat(pack.path("bonusCredits").asText()).isEqualTo("999.90");
        // 11 × 641.60 + 641.63 = 7,699.23 used; 10,998.90 − 7,699.23 = 3,299.67 expired
        assertThat(pack.path("creditsUsed").asText()).isEqualTo("7699.23");
        assertThat(pack.path("creditsExpired").asText()).isEqualTo("3299.67");
        // 7,699.23 at list price − 9,999.00 paid + 0.00 refunded
        assertThat(pack.path("netPositionVsMetered").asText()).isEqualTo("-2299.77");
        assertThat(pack.path("netPositionFinal").asBoolean()).isTrue();
        // break-even: bonus ÷ (1 + bonus) = 0.10 ÷ 1.10 = 999.90 ÷ 10,998.90 = 9.09%; 3,299.67 ÷ 10,998.90 = 30.00%
        assertThat(pack.path("breakEvenExpiryPercent").asText()).isEqualTo("9.09");
        assertThat(pack.path("breakEvenExpiryFraction").asText()).isEqualTo("0.0909");
        assertThat(pack.path("expiredPercent").asText()).isEqualTo("30.00");
        assertThat(economics.at("/total/netPositionVsMetered").asText()).isEqualTo("-2299.77");
        assertThat(economics.path("creditsAtRisk").asText()).isEqualTo("0.00");
    }

    @Test
    void halfwayThroughTheYearTheMeasuredBurnShowsWhatWillExpire() {
        JsonNode economics = economics("we", "2025-06-30T23:30:00Z");
        // the 30 days before hold June 30's 641.60; the 90 days April 30, May 31 and June 30: 1,924.80
        assertThat(economics.at("/burn/last30Days").asText()).isEqualTo("641.60");
        assertThat(economics.at("/burn/last90Days").asText()).isEqualTo("1924.80");
        // 641.60 ÷ 30 = 1,924.80 ÷ 90 = 21.386666667 credits a day
        assertThat(economics.at("/burn/creditsPerDay90").asText()).isEqualTo("21.386666667");
        // 10,998.90 − 6 × 641.60 = 7,149.30 left; ÷ 21.386666667 = 334.3 days
        assertThat(economics.at("/runway/balance").asText()).isEqualTo("7149.30");
        assertThat(economics.at("/runway/days").asText()).isEqualTo("334.3");
        // the lot expires 2026-01-01T10:00, 184.4375 days away: the burn reaches 21.386666667 × 184.4375
        // = 3,944.503333333 of it; 7,149.30 − 3,944.503333333 = 3,204.796666667 are at risk
        assertThat(economics.path("creditsAtRisk").asText()).isEqualTo("3204.796666667");
        JsonNode atRisk = economics.path("atRisk").get(0);
        assertThat(atRisk.path("lostAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
        // breakage = A − f(G − at risk) = 9,999.00 − round(9,999.00 × 7,794.103333333 ÷ 10,998.90) = 2,913.45
        assertThat(atRisk.path("deferredAmount").asText()).isEqualTo("2913.45");
        JsonNode pack = economics.path("topUps").get(0);
        assertThat(pack.path("netPositionFinal").asBoolean()).isFalse();
        // projected: 3,849.60 used + 3,944.503333333 reached = 7,794.103333333 → 7,794.10 − 9,999.00
        assertThat(pack.path("netPositionVsMetered").asText()).isEqualTo("-2204.90");
        // a month of spend is 21.386666667 × 30 = 641.60: $4,999 buys 5,398.92 = 8.4 months, $999 1.65 months
        assertThat(economics.at("/recommendedTopUp/monthlySpend").asText()).isEqualTo("641.60");
        assertThat(economics.at("/recommendedTopUp/pack/amount").asText()).isEqualTo("999.00");
        assertThat(economics.at("/recommendedTopUp/monthsCovered").asText()).isEqualTo("1.65");
    }

    @Test
    void aSteadyCustomerCapturesTheBonusOnEveryPack() {
        JsonNode economics = economics("steady", "2025-09-30T23:30:00Z");
        JsonNode first = economics.path("topUps").get(0);
        // used up: 6 × 154.00 + 134.94 of July's call = 1,058.94 at list price − 999.00 paid = +59.94, the bonus
        assertThat(first.path("creditsUsed").asText()).isEqualTo("1058.94");
        assertThat(first.path("netPositionVsMetered").asText()).isEqualTo("59.94");
        assertThat(first.path("netPositionFinal").asBoolean()).isTrue();
        JsonNode second = economics.path("topUps").get(1);
        // 19.06 + 154.00 + 154.00 used, 731.88 left; the burn (462.00 ÷ 90 a day) uses it all in 143 days,
        // long before it expires on 2026-07-31: projected 1,058.94 used − 999.00 = +59.94
        assertThat(second.path("creditsUsed").asText()).isEqualTo("327.06");
        assertThat(second.path("creditsAtRisk").asText()).isEqualTo("0.00");
        assertThat(second.path("netPositionVsMetered").asText()).isEqualTo("59.94");
        assertThat(second.path("netPositionFinal").asBoolean()).isFalse();
        assertThat(economics.path("creditsAtRisk").asText()).isEqualTo("0.00");
        assertThat(economics.at("/total/netPositionVsMetered").asText()).isEqualTo("119.88");
        // 154.00 a month: no pack covers one to three months ($99: 0.77, $499: 3.37); $99 is nearest
        assertThat(economics.at("/recommendedTopUp/monthlySpend").asText()).isEqualTo("154.00");
        assertThat(economics.at("/recommendedTopUp/pack/amount").asText()).isEqualTo("99.00");
    }

    @Test
    void aCustomerSeesItsOwnEconomicsOnly() {
        LedgerClient asCustomer = queries.withKey(commands.post("/v1/admin/api-keys",
                "{\"role\":\"CUSTOMER\",\"accountId\":\"steady\"}").text("token"));
        assertThat(asCustomer.get("/v1/accounts/steady/economics?asOf=2025-09-30T23:30:00Z").status()).isEqualTo(200);
        refused(asCustomer.get("/v1/accounts/we/economics"), 403, "forbidden");
        refused(queries.get("/v1/accounts/nobody/economics"), 404, "account_not_found");
        assertThat(queries.get("/v1/accounts/we/economics?asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void meteredBillingWouldHaveCostTheWorkedExampleLessAndNothingIsWritten() {
        String before = everythingStored();
        // postpaid at list price: 11 × 641.60 + 641.63 = 7,699.23 billed, against 9,999.00 paid up front
        JsonNode metered = simulate("{\"accountId\":\"we\",\"from\":\"2025-01\",\"to\":\"2026-01\","
                + "\"terms\":{\"billing\":\"postpaid\"}}");
        assertThat(metered.at("/total/simulated/cost").asText()).isEqualTo("7699.23");
        assertThat(metered.at("/total/actual/cost").asText()).isEqualTo("9999.00");
        assertThat(metered.at("/total/difference/cost").asText()).isEqualTo("-2299.77");
        // what happened: 6,999.30 usage revenue in 2025 and 2,999.70 breakage on 2026-01-01
        assertThat(metered.at("/total/actual/breakage").asText()).isEqualTo("2999.70");
        assertThat(metered.at("/total/actual/revenue").asText()).isEqualTo("9999.00");
        assertThat(metered.at("/total/simulated/breakage").asText()).isEqualTo("0.00");
        JsonNode march = metered.at("/results/0/months/2");
        assertThat(march.path("month").asText()).isEqualTo("2025-03");
        assertThat(march.at("/simulated/cost").asText()).isEqualTo("641.60");
        assertThat(march.at("/actual/usageRevenue").asText()).isEqualTo("583.27");

        // 24 months of validity: the 3,299.67 left would not have expired within the period
        JsonNode longer = simulate("{\"accountId\":\"we\",\"from\":\"2025-01\",\"to\":\"2026-01\","
                + "\"terms\":{\"billing\":\"prepaid\",\"principalValidity\":\"P24M\"}}");
        assertThat(longer.at("/total/simulated/creditsExpired").asText()).isEqualTo("0.00");
        assertThat(longer.at("/total/simulated/breakage").asText()).isEqualTo("0.00");
        assertThat(longer.at("/total/actual/creditsExpired").asText()).isEqualTo("3299.67");
        assertThat(longer.at("/total/simulated/usageRevenue").asText()).isEqualTo("6999.30");

        // the account's own terms give back what happened, month by month
        JsonNode same = simulate("{\"accountId\":\"we\",\"from\":\"2025-01\",\"to\":\"2026-01\",\"terms\":{}}");
        same.at("/results/0/months").forEach(month -> assertThat(month.path("simulated")).as(month.toString())
                .isEqualTo(month.path("actual")));

        // gpt-5.4 at 2.50 / 15.00: 120,000 × 2.50 + 8,000 × 15.00 per 1M = 0.30 + 0.12 = 0.42 instead of 0.336
        JsonNode repriced = simulate("{\"accountId\":\"gp\",\"from\":\"2025-03\",\"to\":\"2025-03\",\"terms\":"
                + "{\"rateCard\":{\"models\":{\"gpt-5.4\":{\"input\":\"2.50\",\"output\":\"15.00\"}}}}}");
        assertThat(repriced.at("/total/simulated/creditsUsed").asText()).isEqualTo("0.42");
        assertThat(repriced.at("/total/actual/creditsUsed").asText()).isEqualTo("0.336");

        // every account, a page of two
        JsonNode all = simulate("{\"from\":\"2025-01\",\"to\":\"2025-12\",\"terms\":{\"billing\":\"postpaid\"},"
                + "\"pageSize\":2}");
        assertThat(all.path("accounts").asInt()).isEqualTo(2);
        assertThat(all.path("nextAfterAccountId").asText()).isEqualTo("steady");

        assertThat(everythingStored()).isEqualTo(before);
    }

    @Test
    void aSimulationRefusesWhatItCannotReplay() {
        String before = everythingStored();
        refused(commands.post("/v1/simulations", "{\"from\":\"2025-01\",\"to\":\"2028-01\",\"terms\":{}}"),
                422, "simulation_too_long");
        refused(commands.post("/v1/simulations", "{\"from\":\"2025-06\",\"to\":\"2025-01\",\"terms\":{}}"),
                400, "validation_failed");
        refused(commands.post("/v1/simulations", "{\"from\":\"2025-01\",\"to\":\"2025-12\","
                + "\"terms\":{\"rateCardVersion\":\"no-such-card\"}}"), 404, "rate_card_not_found");
        refused(commands.post("/v1/simulations", "{\"from\":\"2025-01\",\"to\":\"2025-12\","
                + "\"terms\":{\"billing\":\"barter\"}}"), 400, "validation_failed");
        refused(commands.post("/v1/simulations", "{\"accountId\":\"nobody\",\"from\":\"2025-01\","
                + "\"to\":\"2025-12\",\"terms\":{}}"), 404, "account_not_found");
        refused(keyOf("SUPPORT").post("/v1/simulations", "{\"from\":\"2025-01\",\"to\":\"2025-12\",\"terms\":{}}"),
                403, "forbidden");
        assertThat(everythingStored()).isEqualTo(before);
    }

    /** The event store's rows and every projection's, as one digest per table. */
    private String everythingStored() {
        StringBuilder digest = new StringBuilder();
        for (String table : jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                + "AND (tablename LIKE 'qs\\_%' OR tablename = 'domainevententry') ORDER BY tablename", String.class)) {
            digest.append(table).append('=').append(jdbc.queryForObject("SELECT count(*) || ':' || "
                    + "coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t", String.class))
                    .append('\n');
        }
        return digest.toString();
    }

    private JsonNode simulate(String body) {
        LedgerClient.Response response = keyOf("FINANCE").post("/v1/simulations", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    private JsonNode economics(String account, String asOf) {
        LedgerClient.Response response = queries.get("/v1/accounts/" + account + "/economics?asOf=" + asOf);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}
