package com.creditledger.command.http;

import com.creditledger.testsupport.LedgerClient;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches, rate cards and snapshots through the HTTP API against real PostgreSQL. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the manual clock only moves forward: a ledger (context and database) of this class's own
        properties = {"ledger.clock.mode=manual", "spring.application.name=UsageApiIntegrationTest"})
@ContextConfiguration(initializers = FreshDatabase.class)
class UsageApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void batchRecordsAreAcceptedOrRejectedOneByOne() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("batch-a");
        ledger.openAccount("batch-b");
        ledger.topUp("batch-a", "t1", "999.00");
        ledger.topUp("batch-b", "t1", "100.00");
        ledger.debit("batch-a", "earlier", "1.00");

        LedgerClient.Response batch = ledger.post("/v1/usage:batch", """
                {"records":[
                  {"accountId":"batch-a","idempotencyKey":"c1","model":"gemini-3.1-pro","inputTokens":50000000,"outputTokens":10000000},
                  {"accountId":"batch-b","idempotencyKey":"c2","amount":"150.00"},
                  {"accountId":"batch-a","idempotencyKey":"earlier","amount":"1.00"},
                  {"accountId":"nobody","idempotencyKey":"c3","amount":"1.00"},
                  {"accountId":"batch-a","idempotencyKey":"c4","model":"gpt-99","inputTokens":1},
                  {"accountId":"batch-b","idempotencyKey":"c5","inputTokens":-1,"model":"gpt-4o"},
                  {"accountId":"batch-b","idempotencyKey":"c6","amount":"0.50"}
                ]}""");

        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        JsonNode results = batch.body().path("results");
        assertThat(results).hasSize(7);
        assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(results.get(0).at("/receipt/amount").asText()).isEqualTo("154.00");
        assertThat(results.get(1).path("code").asText()).isEqualTo("insufficient_credit");
        assertThat(results.get(2).path("status").asText()).isEqualTo("replayed");
        assertThat(results.get(3).path("code").asText()).isEqualTo("account_not_found");
        assertThat(results.get(4).path("code").asText()).isEqualTo("unknown_model");
        assertThat(results.get(5).path("code").asText()).isEqualTo("validation_failed");
        assertThat(results.get(5).path("field").asText()).isEqualTo("inputTokens");
        assertThat(results.get(6).at("/receipt/balance").asText()).isEqualTo("99.50");
        assertThat(batch.body().path("position").asLong()).isPositive();

        JsonNode priced = new StoredEvents(jdbc).of("batch-a", "UsageDebited").get(1);
        assertThat(priced.at("/pricing/rateCardVersion").asText()).isEqualTo("default");
        assertThat(priced.at("/pricing/dimensions/0/pricePerMillion").asText()).isEqualTo("1.40");
        assertThat(priced.at("/tokens/inputTokens").asLong()).isEqualTo(50_000_000);
    }

    @Test
    void aBatchThatFailsAsAWholeIsChargedAccountByAccountSoOneFailureStaysWithItsAccount() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("healthy");
        ledger.openAccount("poisoned");
        ledger.topUp("healthy", "t1", "100.00");
        ledger.topUp("poisoned", "t1", "100.00");
        String records = """
                {"records":[
                  {"accountId":"healthy","idempotencyKey":"h1","amount":"2.00"},
                  {"accountId":"poisoned","idempotencyKey":"poison","amount":"1.00"}
                ]}""";
        // a failure inside one account's writes (standing in for a disk or constraint error) fails
        // the group's transaction; the healthy account is then charged on its own
        jdbc.execute("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'poisoned receipt'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON usage_receipt FOR EACH ROW "
                + "WHEN (NEW.idempotency_key = 'poison') EXECUTE FUNCTION refuse_poison()");
        StoredEvents stored = new StoredEvents(jdbc);
        try {
            assertThat(ledger.post("/v1/usage:batch", records).status()).isEqualTo(500);
            assertThat(stored.count("healthy", "UsageDebited")).isEqualTo(1);
            assertThat(stored.count("poisoned", "UsageDebited")).isZero();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_poison ON usage_receipt");
            jdbc.execute("DROP FUNCTION refuse_poison()");
        }

        LedgerClient.Response retried = ledger.post("/v1/usage:batch", records);

        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().at("/results/0/status").asText()).isEqualTo("replayed");
        assertThat(retried.body().at("/results/0/receipt/balance").asText()).isEqualTo("98.00");
        assertThat(retried.body().at("/results/1/status").asText()).isEqualTo("accepted");
        assertThat(retried.body().at("/results/1/receipt/balance").asText()).isEqualTo("99.00");
        assertThat(stored.count("healthy", "UsageDebited")).isEqualTo(1);
        assertThat(stored.count("poisoned", "UsageDebited")).isEqualTo(1);
    }

    @Test
    void publishedRateCardPricesCallsFromItsEffectiveInstant() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("priced");
        ledger.post("/v1/accounts/priced/top-ups", "{\"topUpId\":\"t1\",\"amount\":\"999.00\",\"purchasedAt\":\"2025-01-01T00:00:00Z\"}");
        String card = "{\"effectiveFrom\":\"2025-03-01T00:00:00Z\",\"models\":{\"gpt-4o\":{\"input\":\"5.00\",\"output\":\"20.00\"}}}";
        assertThat(ledger.put("/v1/rate-cards/2025-03", card).status()).isEqualTo(200);
        assertThat(ledger.put("/v1/rate-cards/2025-03", card).status()).as("republishing is a no-op").isEqualTo(200);
        assertThat(ledger.put("/v1/rate-cards/2025-03", card.replace("20.00", "21.00")).text("code"))
                .isEqualTo("rate_card_conflict");

        String call = "{\"idempotencyKey\":\"%s\",\"model\":\"gpt-4o\",\"inputTokens\":1000000,\"cachedInputTokens\":1000000,"
                + "\"outputTokens\":1000000,\"occurredAt\":\"%s\"}";
        LedgerClient.Response before = ledger.post("/v1/accounts/priced/usage", call.formatted("old", "2025-02-28T23:59:59Z"));
        LedgerClient.Response after = ledger.post("/v1/accounts/priced/usage", call.formatted("new", "2025-03-01T00:00:00Z"));
        assertThat(before.text("amount")).as(before.raw()).isEqualTo("12.75"); // 2.50 + 0.25 + 10.00 on the default card
        assertThat(after.text("amount")).isEqualTo("25.50");  // 5.00 + 0.50 (10% of input) + 20.00
    }

    @Test
    void anAccountWithManyDebitsIsSnapshotted() throws InterruptedException {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("busy");
        ledger.topUp("busy", "t1", "9999.00");
        String records = IntStream.range(0, 600)
                .mapToObj(i -> "{\"accountId\":\"busy\",\"idempotencyKey\":\"b" + i + "\",\"amount\":\"0.01\"}")
                .collect(Collectors.joining(",", "{\"records\":[", "]}"));
        assertThat(ledger.post("/v1/usage:batch", records).status()).isEqualTo(200);
        assertThat(ledger.debit("busy", "after-batch", "0.01").status()).isEqualTo(201);
        // snapshots are taken on a thread of their own, after the commit
        Instant deadline = Instant.now().plusSeconds(10);
        while (snapshots("busy") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(snapshots("busy")).isEqualTo(1);
    }

    @Test
    void anAlertIsRecordedWithTheDebitThatCrossedItAndOnlyThen() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("alerted");
        ledger.topUp("alerted", "t1", "99.00");
        LedgerClient.Response rules = ledger.put("/v1/accounts/alerted/alerts",
                "{\"balanceBelow\":[\"10.00\",\"100.00\"],\"spendPercent\":[80]}");
        assertThat(rules.status()).as(rules.raw()).isEqualTo(200);
        assertThat(rules.body().path("balanceBelow").toString()).isEqualTo("[\"10.00\",\"100.00\"]");
        assertThat(rules.body().path("expiryNoticeDays").toString()).isEqualTo("[60,7,1]");
        assertThat(ledger.debit("alerted", "a1", "20.00").status()).isEqualTo(201);
        assertThat(ledger.debit("alerted", "a2", "1.00").status()).isEqualTo(201);
        List<JsonNode> crossed = new StoredEvents(jdbc).of("alerted", "BalanceThresholdCrossed");
        assertThat(crossed).hasSize(1);
        assertThat(crossed.get(0).path("threshold").asText()).isEqualTo("100.00");
        assertThat(crossed.get(0).path("direction").asText()).isEqualTo("DOWN");
        assertThat(crossed.get(0).path("available").asText()).isEqualTo("98.80");
    }

    /**
     * Concurrent debits crossing the threshold ask the provider once, for the whole gap as it stood;
     * the provider's top-up completes it, its declines are counted, and three in a row disable it.
     */
    @Test
    void concurrentDebitsBelowTheThresholdAskForOneRechargeAndTheProviderAnswersIt() throws Exception {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("recharged");
        ledger.topUp("recharged", "t1", "200.00");
        LedgerClient.Response settings = ledger.put("/v1/accounts/recharged/auto-recharge",
                "{\"enabled\":true,\"threshold\":\"150.00\",\"rechargeTo\":\"500.00\",\"cooldown\":\"PT0S\"}");
        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        assertThat(settings.body().path("maxFailures").asInt()).isEqualTo(3);
        assertThat(settings.body().path("cooldown").asText()).isEqualTo("PT0S");

        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = IntStream.range(0, 80).mapToObj(i -> writers.submit(
                    () -> ledger.debit("recharged", "r" + i, "1.25").status())).toList();
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            writers.shutdown();
        }
        // 200 − 80 × 1.25 = 100: crossed 150 once, at 148.75, asking for 351.25 while it was in flight
        List<JsonNode> requested = new StoredEvents(jdbc).of("recharged", "AutoRechargeRequested");
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).path("requestId").asText()).isEqualTo("recharged-recharge-1");
        assertThat(requested.get(0).path("available").asText()).isEqualTo("148.75");
        assertThat(requested.get(0).path("amount").asText()).isEqualTo("351.25");

        LedgerClient.Response paid = ledger.post("/v1/accounts/recharged/top-ups",
                "{\"topUpId\":\"card-1\",\"amount\":\"351.25\",\"autoRechargeRequestId\":\"recharged-recharge-1\"}");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        assertThat(new StoredEvents(jdbc).of("recharged", "AutoRechargeCompleted")).hasSize(1);
        LedgerClient.Response again = ledger.post("/v1/accounts/recharged/top-ups",
                "{\"topUpId\":\"card-2\",\"amount\":\"351.25\",\"autoRechargeRequestId\":\"recharged-recharge-1\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("recharge_not_in_flight");

        for (int failure = 1; failure <= 3; failure++) {
            ledger.debit("recharged", "low-" + failure, failure == 1 ? "310.00" : "0.01");
            String requestId = "recharged-recharge-" + (failure + 1);
            LedgerClient.Response failed = ledger.post("/v1/accounts/recharged/auto-recharge/" + requestId + "/failed",
                    "{\"reason\":\"card declined\"}");
            assertThat(failed.status()).as(failed.raw()).isEqualTo(200);
            assertThat(failed.body().path("consecutiveFailures").asInt()).isEqualTo(failure);
        }
        assertThat(new StoredEvents(jdbc).of("recharged", "AutoRechargeDisabled")).hasSize(1);
        ledger.debit("recharged", "low-4", "0.01");
        assertThat(new StoredEvents(jdbc).of("recharged", "AutoRechargeRequested")).hasSize(4);
    }

    private long snapshots(String accountId) {
        return jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Long.class,
                accountId);
    }
}
