package com.creditledger.command.http;

import com.creditledger.testsupport.LedgerClient;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Many gateway threads charging at once: nothing overspent, lost or doubled. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshDatabase.class)
class ConcurrencyIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eightThreadsOfFiveHundredDebitsNeverSpendMoreThanTheCredit() throws Exception {
        String account = "contended";
        LedgerClient ledger = new LedgerClient(port);
        ledger.openAccount(account);
        ledger.topUp(account, "t1", "100.00"); // 100 credits: room for 2,000 of the 4,000 debits of 0.05

        List<LedgerClient.Response> responses = onEightThreads(500, (t, i) -> ledger.debit(account, "t" + t + "-" + i, "0.05"));

        var byStatus = responses.stream().collect(Collectors.groupingBy(LedgerClient.Response::status, Collectors.counting()));
        assertThat(byStatus).containsOnlyKeys(201, 402);
        assertThat(byStatus.get(201)).isEqualTo(2000);
        assertThat(byStatus.get(402)).isEqualTo(2000);
        assertThat(responses.stream().filter(r -> r.status() == 402).map(r -> r.text("code")))
                .containsOnly("insufficient_credit");

        StoredEvents events = new StoredEvents(jdbc);
        BigDecimal charged = events.of(account, "UsageDebited").stream()
                .map(debit -> new BigDecimal(debit.path("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(events.count(account, "UsageDebited")).isEqualTo(2000);
        assertThat(charged).isEqualByComparingTo("100.00");
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT idempotency_key) FROM usage_receipt WHERE account_id = ?",
                Long.class, account)).isEqualTo(2000);
    }

    @Test
    void theSameDebitSentAHundredTimesAtOnceIsChargedOnce() throws Exception {
        String account = "retried";
        LedgerClient ledger = new LedgerClient(port);
        ledger.openAccount(account);
        ledger.topUp(account, "t1", "999.00");

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<LedgerClient.Response>> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(threads.submit(() -> ledger.debit(account, "the-one-call", "1.00")));
        }
        List<LedgerClient.Response> responses = new ArrayList<>();
        for (Future<LedgerClient.Response> future : sent) {
            responses.add(future.get());
        }
        threads.shutdown();

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text("amount")).isEqualTo("1.00");
            assertThat(response.text("balance")).isEqualTo("1057.94");
        });
        assertThat(responses.stream().filter(r -> r.http().headers()
                .firstValue("Idempotent-Replayed").orElse("").equals("false"))).hasSize(1);
        assertThat(new StoredEvents(jdbc).count(account, "UsageDebited")).isEqualTo(1);
    }

    /**
     * A group commit takes its accounts' locks ahead, while top-ups of the same accounts take them
     * one at a time on request threads: both must take this node's lock before the shared one, or
     * the two would wait for each other forever.
     */
    @Test
    void batchesAndTopUpsOfTheSameAccountsAtOnceAllComplete() throws Exception {
        LedgerClient ledger = new LedgerClient(port);
        List<String> accounts = IntStream.range(0, 10).mapToObj(i -> "mixed-" + i).toList();
        for (String account : accounts) {
            ledger.openAccount(account);
            ledger.topUp(account, "first", "100.00");
        }
        List<LedgerClient.Response> responses = onEightThreads(25, (t, n) -> t % 2 == 0
                ? ledger.post("/v1/usage:batch", IntStream.range(0, 40)
                        .mapToObj(i -> "{\"accountId\":\"" + accounts.get((i + n) % 10)
                                + "\",\"idempotencyKey\":\"b" + t + "-" + n + "-" + i + "\",\"amount\":\"0.01\"}")
                        .collect(Collectors.joining(",", "{\"records\":[", "]}")))
                : ledger.topUp(accounts.get((n + t) % 10), "t" + t + "-" + n, "1.00"));

        assertThat(responses).extracting(LedgerClient.Response::status).containsOnly(200, 201);
        assertThat(responses.stream().filter(r -> r.status() == 200)
                .flatMap(r -> StreamSupport.stream(r.body().path("results").spliterator(), false))
                .map(result -> result.path("status").asText())).hasSize(4000).containsOnly("accepted");
        StoredEvents events = new StoredEvents(jdbc);
        for (String account : accounts) {
            assertThat(events.count(account, "UsageDebited")).isEqualTo(400);
        }
    }

    /** {@code calls} calls {@code call(thread, n)} on each of 8 threads at once; every response, once all are answered. */
    private static List<LedgerClient.Response> onEightThreads(
            int calls, BiFunction<Integer, Integer, LedgerClient.Response> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<List<LedgerClient.Response>>> work = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            work.add(threads.submit(() -> {
                List<LedgerClient.Response> responses = new ArrayList<>();
                for (int n = 0; n < calls; n++) {
                    responses.add(call.apply(t, n));
                }
                return responses;
            }));
        }
        List<LedgerClient.Response> responses = new ArrayList<>();
        for (Future<List<LedgerClient.Response>> future : work) {
            responses.addAll(future.get(120, TimeUnit.SECONDS));
        }
        threads.shutdown();
        return responses;
    }
}
