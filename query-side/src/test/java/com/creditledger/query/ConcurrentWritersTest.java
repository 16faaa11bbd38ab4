package com.creditledger.query;

import com.creditledger.platform.cluster.NodeLock;
import com.creditledger.query.reconciliation.Reconcile;
import com.creditledger.testsupport.LedgerClient;
import com.creditledger.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both services as processes on one database, the query side in two segments, 16 writers: about
 * 4,000 debits (single and in batches) with top-ups and refunds interleaved, and the query side
 * killed outright in the middle and started again. Afterwards every projection holds exactly the
 * events of the store, every balance is what the acknowledged commands add up to, the journal's
 * revenue is the events' to the cent, the reconciliation finds nothing, and a replay rebuilds
 * every report byte for byte. Before the projections keyed rows by the event's own position, a
 * fifth of the debits that committed out of order were dropped here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentWritersTest {

    private static final int ACCOUNTS = 50;
    private static final int WRITERS = 16;
    private static final int OPERATIONS_PER_WRITER = 280;
    private static final String[] QUERY_SIDE = {
            "--axon.eventhandling.processors.ledger-projections.initial-segment-count=2",
            "--axon.eventhandling.processors.ledger-projections.thread-count=2",
            "--ledger.reconciliation.initial-delay=PT3S", "--ledger.reconciliation.interval=PT3S"};

    private TestDatabase.Database database;
    private JdbcTemplate jdbc;
    private LedgerProcess commandSide;
    private LedgerProcess querySide;
    private LedgerClient commands;
    private LedgerClient queries;

    /** Credits each account must hold: top-ups acknowledged − debits acknowledged − refunds acknowledged. */
    private final Map<String, BigDecimal> expected = new ConcurrentHashMap<>();
    private final AtomicInteger debitsAcknowledged = new AtomicInteger();
    private final AtomicInteger operationsDone = new AtomicInteger();

    @BeforeAll
    void startTheLedger() {
        database = TestDatabase.create();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        commandSide = LedgerProcess.commandSide(database.url(), database.user(), database.password(),
                "--ledger.clock.mode=manual");
        commands = commandSide.client();
        assertThat(commands.setClock("2026-01-05T00:00:00Z").status()).isEqualTo(200);
        querySide = startQuerySide();
        for (int account = 0; account < ACCOUNTS; account++) {
            String id = account(account);
            created(commands.openAccount(id));
            LedgerClient.Response topUp = created(commands.topUp(id, id + "-t0", "9999.00"));
            expected.put(id, new BigDecimal(topUp.text("totalCredits")));
        }
    }

    @AfterAll
    void stopTheLedger() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    @Order(1)
    void concurrentWritersWithACrashOfTheQuerySideLoseNothing() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int seed = writer;
            done.add(writers.submit(() -> write(seed)));
        }
        // kill -9 the query side a quarter into the load, then start it again on the same tables while the
        // writers go on (it projects live, through their out-of-order commits, before and after the crash)
        while (operationsDone.get() < WRITERS * OPERATIONS_PER_WRITER / 4) {
            Thread.sleep(20);
        }
        querySide.kill();
        querySide = startQuerySide();
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();
        assertThat(operationsDone.get()).isEqualTo(WRITERS * OPERATIONS_PER_WRITER);
        assertThat(debitsAcknowledged.get()).isGreaterThanOrEqualTo(4_000);
        awaitProjections();

        // every event is in every projection once, under its own position
        assertThat(count("SELECT count(*) FROM qs_usage")).isEqualTo(count(
                "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.UsageDebited'"));
        assertThat(count("SELECT count(DISTINCT global_index) FROM qs_usage")).isEqualTo(count("SELECT count(*) FROM qs_usage"));
        assertThat(count("SELECT count(*) FROM qs_usage u JOIN domainevententry e ON e.globalindex = u.global_index "
                + "AND e.eventidentifier = u.event_id")).isEqualTo(count("SELECT count(*) FROM qs_usage"));
        assertThat(count("SELECT count(*) FROM qs_history")).isEqualTo(count(
                "SELECT count(*) FROM domainevententry "
                        + "WHERE type = 'CreditAccount' AND payloadtype NOT LIKE '%.UsageDebited'"));
        assertThat(count("SELECT count(*) FROM qs_history h JOIN domainevententry e ON e.globalindex = h.global_index "
                + "AND e.eventidentifier = h.event_id")).isEqualTo(count("SELECT count(*) FROM qs_history"));
        assertThat(count("SELECT count(DISTINCT global_index) FROM qs_journal_line WHERE source = 'usage'")).isEqualTo(count(
                "SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.UsageDebited' "
                        + "AND EXISTS (SELECT 1 FROM jsonb_array_elements(convert_from(payload, 'UTF8')::jsonb -> 'draws') d "
                        + "WHERE (d ->> 'revenue')::numeric > 0)"));

        // the journal's usage revenue is the events' draws' revenue, to the cent
        BigDecimal drawn = jdbc.queryForObject("SELECT coalesce(sum((d ->> 'revenue')::numeric), 0) FROM domainevententry, "
                + "jsonb_array_elements(convert_from(payload, 'UTF8')::jsonb -> 'draws') d "
                + "WHERE payloadtype LIKE '%.UsageDebited'", BigDecimal.class);
        BigDecimal posted = jdbc.queryForObject("SELECT sum(credit) FROM qs_journal_line WHERE account_code = '4000'",
                BigDecimal.class);
        assertThat(posted).isEqualByComparingTo(drawn).isPositive();

        // every balance is what the acknowledged commands add up to
        for (Map.Entry<String, BigDecimal> account : expected.entrySet()) {
            JsonNode balance = queries.get("/v1/accounts/" + account.getKey() + "/balance").body();
            assertThat(new BigDecimal(balance.path("available").asText())).as(account.getKey())
                    .isEqualByComparingTo(account.getValue());
        }

        JsonNode reconciliation = ok(queries.get("/v1/admin/reconciliation"));
        assertThat(reconciliation.path("differences")).as(reconciliation.toString()).isEmpty();
        assertThat(reconciliation.path("accounts").asInt()).isEqualTo(ACCOUNTS);
        assertThat(reconciliation.at("/eventCounts/UsageDebited").asLong()).isEqualTo(
                count("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.UsageDebited'"));
    }

    @Test
    @Order(2)
    void concurrentTracesNeverExhaustThePool() throws Exception {
        List<String> keys = jdbc.queryForList("SELECT account_id || '/' || idempotency_key FROM qs_usage LIMIT 320",
                String.class);
        ExecutorService readers = Executors.newFixedThreadPool(32);
        List<Future<long[]>> answers = new ArrayList<>();
        for (String key : keys) {
            answers.add(readers.submit(() -> {
                long started = System.nanoTime();
                int status = queries.get("/v1/usage/" + key + "/trace").status();
                return new long[]{status, (System.nanoTime() - started) / 1_000_000};
            }));
        }
        for (Future<long[]> answer : answers) {
            assertThat(answer.get()[0]).isEqualTo(200);
            assertThat(answer.get()[1]).as("milliseconds").isLessThan(1_000);
        }
        readers.shutdown();
    }

    @Test
    @Order(3)
    void readsNeverTearWhileAWriterMovesTheBalance() throws Exception {
        created(commands.post("/v1/accounts", "{\"accountId\":\"loop\",\"overdraftLimit\":\"50\"}"));
        awaitProjections();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int reader = 0; reader < 2; reader++) {
            done.add(readers.submit(() -> {
                while (writing.get()) {
                    JsonNode balance = queries.get("/v1/accounts/loop/balance").body();
                    String state = balance.path("available").asText() + "/" + balance.path("overage").asText();
                    if (!List.of("0.00/0.00", "-50.00/50.00", "68.80/0.00").contains(state)) {
                        torn.incrementAndGet();
                    }
                    reads.incrementAndGet();
                }
            }));
        }
        done.add(readers.submit(() -> {
            while (writing.get()) {
                JsonNode rows = queries.get("/v1/reports/deferred-revenue?from=2026-01&to=2026-01&accountId=loop").body()
                        .path("rows");
                for (JsonNode row : rows) {
                    // every $99 top-up settles the 50.00 overage and defers 49.00 over 118.80 credits: cash and
                    // credits of one state always agree
                    BigDecimal topUps = new BigDecimal(row.path("topUpCash").asText()).divide(new BigDecimal("49"));
                    BigDecimal grants = new BigDecimal(row.at("/credits/granted").asText()).divide(new BigDecimal("118.80"));
                    if (topUps.compareTo(grants) != 0) {
                        torn.incrementAndGet();
                    }
                }
                reads.incrementAndGet();
            }
        }));
        // 0 → −50 (overage) → 68.80 (a $99 pack nets the 50) → 0, over and over
        for (int round = 0; round < 100; round++) {
            created(commands.debit("loop", "loop-a" + round, "50"));
            created(commands.topUp("loop", "loop-t" + round, "99.00"));
            created(commands.debit("loop", "loop-b" + round, "68.80"));
        }
        writing.set(false);
        for (Future<?> reader : done) {
            reader.get();
        }
        readers.shutdown();
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(torn.get()).as("answers that match no state of the ledger").isZero();
    }

    @Test
    @Order(4)
    void theClockAnswerCarriesThePositionOfTheExpiriesItRecorded() {
        LedgerClient.Response clock = commands.setClock("2027-06-01T00:00:00Z");
        assertThat(clock.status()).isEqualTo(200);
        assertThat(clock.body().path("lotsExpired").asInt()).isGreaterThanOrEqualTo(ACCOUNTS);
        long position = clock.body().path("position").asLong();
        assertThat(position).isEqualTo(count("SELECT max(globalindex) FROM domainevententry"));
        JsonNode balance = ok(queries.get("/v1/accounts/" + account(0) + "/balance?waitFor=" + position));
        assertThat(balance.path("available").asText()).isEqualTo("0.00");
    }

    @Test
    @Order(5)
    void aReplayRebuildsEveryReportByteForByte() {
        awaitProjections();
        List<String> reports = List.of(
                "/v1/reports/deferred-revenue?from=2026-01&to=2027-06",
                "/v1/reports/deferred-revenue?from=2026-01&to=2027-06&format=csv",
                "/v1/reports/revenue-waterfall?format=csv", "/v1/reports/lots?format=csv",
                "/v1/reports/journal?from=2026-01&to=2027-06&format=csv", "/v1/reports/trial-balance",
                "/v1/accounts/" + account(7) + "/history", "/v1/accounts/" + account(7) + "/balance");
        Map<String, String> before = new LinkedHashMap<>();
        reports.forEach(report -> {
            LedgerClient.Response response = queries.get(report);
            ok(response);
            before.put(report, response.raw());
        });
        String indexes = "SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'qs\\_%' ORDER BY indexname";
        List<String> indexesBefore = jdbc.queryForList(indexes, String.class);

        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        awaitProjections();

        reports.forEach(report -> assertThat(queries.get(report).raw()).as(report).isEqualTo(before.get(report)));
        assertThat(jdbc.queryForList(indexes, String.class)).as("indexes built again").isEqualTo(indexesBefore);
        assertThat(ok(queries.get("/v1/admin/reconciliation")).path("differences")).isEmpty();
    }

    /**
     * A replay sums the months once after its events while the batches of live events add their
     * own: with writers going on throughout, every line is in the sums once, which a second replay
     * with nobody writing confirms to the cent.
     */
    @Test
    @Order(6)
    void debitsDuringAReplayAreSummedIntoTheMonthsOnce() throws Exception {
        int before = operationsDone.get();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            int seed = 100 + writer;
            done.add(writers.submit(() -> write(seed)));
        }
        while (operationsDone.get() < before + 100) {
            Thread.sleep(20);
        }
        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        for (Future<?> writer : done) {
            writer.get();
        }
        writers.shutdown();
        awaitProjections();
        assertThat(ok(queries.get("/v1/admin/projections")).path("replaying").asBoolean()).isFalse();
        String sums = monthlySums();
        assertThat(ok(queries.get("/v1/admin/reconciliation")).path("differences")).isEmpty();

        assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        awaitProjections();
        assertThat(monthlySums()).isEqualTo(sums);
    }

    @Test
    @Order(7)
    void theReconciliationFindsADeletedRowAndAnAlteredAmount() throws Exception {
        String account = account(3);
        jdbc.update("DELETE FROM qs_credit_movement WHERE (global_index, line) IN (SELECT global_index, line "
                + "FROM qs_credit_movement WHERE account_id = ? AND kind = 'consumed' LIMIT 1)", account);
        jdbc.update("UPDATE qs_journal_line SET credit = credit + 0.01 WHERE (global_index, line) IN (SELECT global_index, line "
                + "FROM qs_journal_line WHERE account_id = ? AND account_code = '4000' AND credit > 0 LIMIT 1)", account);

        JsonNode differences = ok(queries.get("/v1/admin/reconciliation?accountId=" + account)).path("differences");
        List<String> figures = new ArrayList<>();
        differences.forEach(difference -> {
            assertThat(difference.path("accountId").asText()).isEqualTo(account);
            figures.add(difference.path("figure").asText());
        });
        assertThat(figures).contains("credits.consumed", "cash.usage");
        assertThat(ok(queries.get("/v1/admin/reconciliation")).path("differences")).hasSize(differences.size());

        // the command line says the same, and exits 1
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = Reconcile.run(new String[]{database.url(), database.user(), database.password(), account},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(account + " credits.consumed", account + " cash.usage");

        // and the scheduled check publishes the number of differences
        String gauge = "/actuator/metrics/ledger.reconciliation.differences";
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ok(queries.get(gauge)).at("/measurements/0/value").asDouble() < differences.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ok(queries.get(gauge)).at("/measurements/0/value").asDouble()).isEqualTo(differences.size());
    }

    @Test
    @Order(8)
    void aReplayAndAReconciliationCheckWaitForEachOtherAndChecksDuringReplaysFindNothing() throws Exception {
        int replayLock = NodeLock.PROJECTION_REPLAY.namespace();
        try (Connection anotherNodesCheck = DriverManager.getConnection(database.url(), database.user(),
                database.password()); Statement lock = anotherNodesCheck.createStatement()) {
            lock.execute("SELECT pg_advisory_lock_shared(" + replayLock + ", 0)");
            CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(
                    () -> queries.post("/v1/admin/projections/replay", "").status());
            Thread.sleep(1_500);
            assertThat(replay).isNotDone();
            assertThat(ok(queries.get("/v1/admin/projections")).path("replaying").asBoolean()).isFalse();
            lock.execute("SELECT pg_advisory_unlock_shared(" + replayLock + ", 0)");
            assertThat(replay.get(30, TimeUnit.SECONDS)).isEqualTo(202);
            awaitProjections();

            // and a check waits for a reset another node is doing (holding the lock alone)
            lock.execute("SELECT pg_advisory_lock(" + replayLock + ", 0)");
            CompletableFuture<LedgerClient.Response> check = CompletableFuture.supplyAsync(
                    () -> queries.get("/v1/admin/reconciliation"));
            Thread.sleep(1_500);
            assertThat(check).isNotDone();
            lock.execute("SELECT pg_advisory_unlock(" + replayLock + ", 0)");
            assertThat(ok(check.get(30, TimeUnit.SECONDS)).path("differences")).isEmpty();
        }

        // whole-ledger checks asked throughout two replays: each finds nothing, or waits for the replay
        AtomicBoolean replaying = new AtomicBoolean(true);
        CompletableFuture<List<LedgerClient.Response>> checks = CompletableFuture.supplyAsync(() -> {
            List<LedgerClient.Response> answers = new ArrayList<>();
            while (replaying.get()) {
                answers.add(queries.get("/v1/admin/reconciliation"));
            }
            return answers;
        });
        for (int replay = 0; replay < 2; replay++) {
            assertThat(queries.post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
            awaitProjections();
        }
        replaying.set(false);
        List<LedgerClient.Response> answers = checks.get(60, TimeUnit.SECONDS);
        assertThat(answers).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.raw()).isIn(200, 504);
            if (answer.status() == 200) {
                assertThat(answer.body().path("differences")).as(answer.raw()).isEmpty();
            }
        });
        assertThat(ok(queries.get("/v1/admin/reconciliation")).path("differences")).isEmpty();
    }

    private void write(int seed) {
        Random random = new Random(seed);
        for (int operation = 0; operation < OPERATIONS_PER_WRITER; operation++) {
            String account = account(random.nextInt(ACCOUNTS));
            String key = "w" + seed + "-" + operation;
            int kind = random.nextInt(100);
            if (kind < 80) {
                String amount = "0." + (10 + random.nextInt(90));
                LedgerClient.Response debit = commands.debit(account, key, amount);
                if (debit.status() == 201) {
                    acknowledge(account, amount);
                }
            } else if (kind < 95) {
                batch(random, key);
            } else if (kind < 98) {
                LedgerClient.Response topUp = commands.topUp(account, key, "99.00");
                if (topUp.status() == 201) {
                    expected.merge(account, new BigDecimal(topUp.text("totalCredits")), BigDecimal::add);
                }
            } else {
                LedgerClient.Response refund = commands.post("/v1/accounts/" + account + "/refunds",
                        "{\"refundId\":\"" + key + "\",\"topUpId\":\"" + account + "-t0\",\"credits\":\"1.00\"}");
                if (refund.status() == 201) {
                    expected.merge(account, new BigDecimal(refund.text("creditsRefunded")).negate(), BigDecimal::add);
                }
            }
            operationsDone.incrementAndGet();
        }
    }

    private void batch(Random random, String key) {
        StringBuilder records = new StringBuilder();
        List<String> accounts = new ArrayList<>();
        List<String> amounts = new ArrayList<>();
        for (int record = 0; record < 10; record++) {
            String account = account(random.nextInt(ACCOUNTS));
            String amount = "0." + (10 + random.nextInt(90));
            accounts.add(account);
            amounts.add(amount);
            records.append(record == 0 ? "" : ",").append("{\"accountId\":\"").append(account)
                    .append("\",\"idempotencyKey\":\"").append(key).append('-').append(record)
                    .append("\",\"amount\":\"").append(amount).append("\"}");
        }
        LedgerClient.Response batch = commands.post("/v1/usage:batch", "{\"records\":[" + records + "]}");
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        for (JsonNode result : batch.body().path("results")) {
            if (result.path("status").asText().equals("accepted")) {
                int index = result.path("index").asInt();
                acknowledge(accounts.get(index), amounts.get(index));
            }
        }
    }

    private void acknowledge(String account, String amount) {
        expected.merge(account, new BigDecimal(amount).negate(), BigDecimal::add);
        debitsAcknowledged.incrementAndGet();
    }

    private LedgerProcess startQuerySide() {
        LedgerProcess started = LedgerProcess.querySide(database.url(), database.user(), database.password(), QUERY_SIDE);
        queries = started.client();
        return started;
    }

    private String monthlySums() {
        return jdbc.queryForList("SELECT * FROM qs_liability_month ORDER BY 1, 2, 3, 4, 5, 6") + "\n"
                + jdbc.queryForList("SELECT * FROM qs_credit_month ORDER BY 1, 2, 3, 4");
    }

    private void awaitProjections() {
        long last = count("SELECT max(globalindex) FROM domainevententry");
        ok(queries.get("/v1/admin/projections?waitFor=" + last));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static String account(int number) {
        return "acct-" + number;
    }

    private static LedgerClient.Response created(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response;
    }

    private static JsonNode ok(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}
