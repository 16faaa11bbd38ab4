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
import java.util.stream.Collectors;

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

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<List<LedgerClient.Response>>> work = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            work.add(threads.submit(() -> {
                List<LedgerClient.Response> responses = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    responses.add(ledger.debit(account, "t" + t + "-" + i, "0.05"));
                }
                return responses;
            }));
        }
        List<LedgerClient.Response> responses = new ArrayList<>();
        for (Future<List<LedgerClient.Response>> future : work) {
            responses.addAll(future.get());
        }
        threads.shutdown();

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
}
