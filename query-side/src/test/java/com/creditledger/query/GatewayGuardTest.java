package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway guard under concurrent writers, through HTTP on PostgreSQL, both services running:
 * holds never keep more than the credit, every hold ends exactly once and its credit adds up, and a
 * monthly spend limit is exact however many threads spend against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.application.name=GatewayGuardTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class GatewayGuardTest extends LedgerScenario {

    private static final BigDecimal CREDIT = new BigDecimal("1058.94"); // the $999 pack

    @BeforeAll
    void start() {
        startCommandSide("--ledger.clock.mode=manual");
        queries = queries.withKey(commands.apiKey());
        assertThat(commands.setClock("2025-06-01T00:00:00Z").status()).isEqualTo(200);
    }

    @Test
    void thirtyTwoStreamsReserveAndCaptureWithoutEverHoldingMoreThanTheCredit() throws Exception {
        assertThat(commands.openAccount("stream").status()).isEqualTo(201);
        assertThat(commands.topUp("stream", "t1", "999.00").status()).isEqualTo(201);
        AtomicBoolean running = new AtomicBoolean(true);
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                JsonNode spendable = commands.get("/v1/accounts/stream/spendable").body();
                BigDecimal reserved = new BigDecimal(spendable.path("reserved").asText());
                BigDecimal available = new BigDecimal(spendable.path("available").asText());
                if (available.signum() < 0 || available.add(reserved).compareTo(CREDIT) > 0) {
                    violations.add(spendable.toString());
                }
            }
        });
        watcher.start();
        AtomicInteger held = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService streams = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < 32; s++) {
            int stream = s;
            done.add(streams.submit(() -> {
                Random random = new Random(stream);
                for (int call = 0; call < 50; call++) {
                    String id = "r" + stream + "-" + call;
                    LedgerClient.Response hold = commands.post("/v1/accounts/stream/reservations",
                            "{\"reservationId\":\"" + id + "\",\"amount\":\"2.00\"}");
                    if (hold.status() == 402) {
                        refused.incrementAndGet();
                        continue;
                    }
                    assertThat(hold.status()).as(hold.raw()).isEqualTo(201);
                    held.incrementAndGet();
                    switch (call % 10) {
                        case 0 -> assertThat(commands.post("/v1/accounts/stream/reservations/" + id + "/release", null)
                                .status()).isEqualTo(200);
                        case 1 -> { } // the stream was cut: left open, it expires
                        default -> {
                            String amount = BigDecimal.valueOf(50 + random.nextInt(151), 2).toPlainString();
                            LedgerClient.Response capture = commands.post("/v1/accounts/stream/reservations/" + id
                                    + "/capture", "{\"idempotencyKey\":\"c-" + id + "\",\"amount\":\"" + amount + "\"}");
                            assertThat(capture.status()).as(capture.raw()).isEqualTo(201);
                        }
                    }
                }
            }));
        }
        for (Future<?> stream : done) {
            stream.get();
        }
        streams.shutdown();
        running.set(false);
        watcher.join();
        assertThat(violations).as("spendable never shows more kept and free than the credit").isEmpty();
        assertThat(held.get()).isGreaterThan(300);
        assertThat(refused.get()).as("credit for about half of the calls").isGreaterThan(300);

        JsonNode clock = commands.setClock("2025-06-01T01:00:00Z").body();
        assertThat(clock.path("holdsExpired").asInt()).isPositive();

        // every hold ended once, and what was held is exactly what was captured, released or expired
        assertThat(count("CreditReserved")).isEqualTo(held.get());
        long ended = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.ReservationReleased' "
                + "OR payloadtype LIKE '%.ReservationExpired' OR (payloadtype LIKE '%.ReservationCaptured' "
                + "AND (convert_from(payload, 'UTF8')::jsonb ->> 'finalCapture')::boolean)", Long.class);
        assertThat(ended).isEqualTo(held.get());
        BigDecimal heldTotal = sum("CreditReserved", "held");
        assertThat(sum("ReservationCaptured", "captured").add(sum("ReservationCaptured", "released"))
                .add(sum("ReservationReleased", "released")).add(sum("ReservationExpired", "released")))
                .isEqualByComparingTo(heldTotal);
        BigDecimal captured = sum("ReservationCaptured", "captured");
        assertThat(sum("UsageDebited", "amount")).isEqualByComparingTo(captured);

        JsonNode spendable = commands.get("/v1/accounts/stream/spendable").body();
        assertThat(spendable.path("reserved").asText()).isEqualTo("0.00");
        assertThat(new BigDecimal(spendable.path("available").asText())).isEqualByComparingTo(CREDIT.subtract(captured));

        // spendable's position is the account's last event: the query side, once there, agrees,
        // and the account's books balance to the cent
        long position = spendable.path("position").asLong();
        assertThat(position).isEqualTo(jdbc.queryForObject(
                "SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = 'stream'", Long.class));
        JsonNode balance = queries.get("/v1/accounts/stream/balance?waitFor=" + position).body();
        assertThat(balance.path("reserved").asText()).isEqualTo("0.00");
        assertThat(new BigDecimal(balance.path("available").asText())).isEqualByComparingTo(CREDIT.subtract(captured));
        assertThat(queries.get("/v1/accounts/stream/reservations?status=open").body().path("reservations")).isEmpty();
        assertThat(queries.get("/v1/accounts/stream/reservations").body().path("reservations")).hasSize(held.get());
        BigDecimal revenue = jdbc.queryForObject("SELECT COALESCE(SUM((d ->> 'revenue')::numeric), 0) FROM domainevententry, "
                + "jsonb_array_elements(convert_from(payload, 'UTF8')::jsonb -> 'draws') d "
                + "WHERE aggregateidentifier = 'stream' AND payloadtype LIKE '%.UsageDebited'", BigDecimal.class);
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal deferred = null;
        for (JsonNode row : queries.get("/v1/reports/trial-balance?accountId=stream").body().path("accounts")) {
            debits = debits.add(new BigDecimal(row.path("debit").asText()));
            credits = credits.add(new BigDecimal(row.path("credit").asText()));
            if (row.path("accountCode").asText().equals("2400")) {
                deferred = new BigDecimal(row.path("credit").asText()).subtract(new BigDecimal(row.path("debit").asText()));
            }
        }
        assertThat(debits).isEqualByComparingTo(credits);
        assertThat(deferred).isEqualByComparingTo(new BigDecimal("999.00").subtract(revenue));
        assertThat(queries.get("/v1/admin/reconciliation?accountId=stream").body().path("differences")).isEmpty();
    }

    @Test
    void eightThreadsSpendingAgainstAMonthlyLimitStopExactlyAtIt() throws Exception {
        assertThat(commands.openAccount("budget").status()).isEqualTo(201);
        assertThat(commands.topUp("budget", "t1", "99.00").status()).isEqualTo(201);
        assertThat(commands.put("/v1/accounts/budget/spend-limit", "{\"monthly\":\"10.00\"}").status()).isEqualTo(200);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        ExecutorService spenders = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(spenders.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    LedgerClient.Response debit = commands.debit("budget", "b" + thread + "-" + i, "0.01");
                    if (debit.status() == 201) {
                        accepted.incrementAndGet();
                    } else {
                        assertThat(debit.text("code")).as(debit.raw()).isEqualTo("spend_limit_reached");
                        limited.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> spender : done) {
            spender.get();
        }
        spenders.shutdown();
        // 0.01 a call: the limit of 10.00 is reached by exactly the thousandth, and nothing fits after it
        assertThat(accepted.get()).isEqualTo(1000);
        assertThat(limited.get()).isEqualTo(600);
        JsonNode limit = commands.get("/v1/accounts/budget/spendable").body().path("spendLimit");
        assertThat(limit.path("period").asText()).isEqualTo("2025-06");
        assertThat(limit.path("spent").asText()).isEqualTo("10.00");
        assertThat(limit.path("remaining").asText()).isEqualTo("0.00");
    }

    @Test
    void aDeliveredCallBeyondAllCreditIsBilledAndItsOverageIsFlaggedInTheJournal() {
        assertThat(commands.openAccount("cut").status()).isEqualTo(201);
        assertThat(commands.topUp("cut", "t1", "10.00").status()).isEqualTo(201);
        assertThat(commands.post("/v1/accounts/cut/reservations", "{\"reservationId\":\"h1\",\"amount\":\"10.00\"}")
                .status()).isEqualTo(201);
        LedgerClient.Response capture = commands.post("/v1/accounts/cut/reservations/h1/capture",
                "{\"idempotencyKey\":\"k1\",\"amount\":\"12.00\"}");
        assertThat(capture.status()).as(capture.raw()).isEqualTo(201);
        assertThat(capture.text("captured")).isEqualTo("10.00");
        assertThat(capture.text("overage")).isEqualTo("2.00");

        long position = capture.body().path("position").asLong();
        JsonNode lines = queries.get("/v1/reports/journal?from=2025-06&to=2025-06&accountId=cut&waitFor=" + position)
                .body().path("lines");
        List<String> flagged = new ArrayList<>();
        lines.forEach(line -> {
            if (line.path("beyondHold").asBoolean()) {
                flagged.add(line.path("accountCode").asText() + " " + line.path("debit").asText() + "/"
                        + line.path("credit").asText());
            }
        });
        assertThat(flagged).containsExactly("1215 2.00/0.00", "4010 0.00/2.00");
        assertThat(queries.get("/v1/usage/cut/k1/trace").body().at("/usage/reservationId").asText()).isEqualTo("h1");
    }

    private long count(String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?", Long.class, "%." + type);
    }

    private BigDecimal sum(String type, String field) {
        return jdbc.queryForObject("SELECT COALESCE(SUM((convert_from(payload, 'UTF8')::jsonb ->> ?)::numeric), 0) "
                + "FROM domainevententry WHERE payloadtype LIKE ?", BigDecimal.class, field, "%." + type);
    }
}
