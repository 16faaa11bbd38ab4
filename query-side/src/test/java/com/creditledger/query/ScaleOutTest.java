package com.creditledger.query;

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

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side and two query-side nodes on one database, as behind a load balancer: one
 * account's debits, holds and spend limit spread over both command nodes decide exactly as on one;
 * due lots and holds are expired once while both nodes poll; a replay asked of one query node is
 * carried out by both; a command node killed under load loses no acknowledged debit and doubles
 * none; a query node killed outright leaves its segment to the other, and the projections end
 * exactly where a full replay puts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

    private static final int CLIENTS = 8;
    /** Small pools: four services and the suite's other contexts share one PostgreSQL. */
    private static final String[] COMMAND_NODE = {"--ledger.clock.mode=manual", "--spring.datasource.hikari.maximum-pool-size=8",
            "--ledger.grants.approval-threshold=1000000", "--ledger.expiry.poll-interval=PT0.2S"};
    /** Two segments, so the nodes can split them; four in a replay, merged back across the nodes. */
    private static final String[] QUERY_NODE = {"--spring.datasource.hikari.maximum-pool-size=6",
            "--axon.eventhandling.processors.ledger-projections.initial-segment-count=2",
            "--axon.eventhandling.processors.ledger-projections.thread-count=2",
            "--ledger.query.replay-segments=4", "--ledger.query.segment-merge-interval=PT0.2S",
            "--axon.eventhandling.tokenstore.claim-timeout=4s", "--ledger.webhooks.send=false"};
    private static final String START = "2026-01-05T00:00:00Z";
    private static final String SEGMENTS = "SELECT count(*) FROM tokenentry WHERE processorname = 'ledger-projections'";

    private TestDatabase.Database database;
    private JdbcTemplate jdbc;
    private final List<LedgerProcess> commandNodes = new ArrayList<>();
    private final List<LedgerProcess> queryNodes = new ArrayList<>();
    private LedgerClient support;

    @BeforeAll
    void startTwoNodesOfEach() throws Exception {
        database = TestDatabase.create();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        // the first node of each side creates the schema, the second starts on it
        commandNodes.add(LedgerProcess.commandSide(database.url(), database.user(), database.password(), COMMAND_NODE));
        queryNodes.add(LedgerProcess.querySide(database.url(), database.user(), database.password(), QUERY_NODE));
        ExecutorService starting = Executors.newFixedThreadPool(2);
        Future<LedgerProcess> command = starting.submit(
                () -> LedgerProcess.commandSide(database.url(), database.user(), database.password(), COMMAND_NODE));
        Future<LedgerProcess> query = starting.submit(
                () -> LedgerProcess.querySide(database.url(), database.user(), database.password(), QUERY_NODE));
        commandNodes.add(command.get());
        queryNodes.add(query.get());
        starting.shutdown();
        for (LedgerProcess node : commandNodes) {
            assertThat(node.client().setClock(START).status()).isEqualTo(200);
        }
        support = command(0).withKey(command(0).post("/v1/admin/api-keys", "{\"role\":\"SUPPORT\"}").text("token"));
    }

    @AfterAll
    void stopAll() {
        queryNodes.forEach(LedgerProcess::close);
        commandNodes.forEach(LedgerProcess::close);
    }

    @Test
    @Order(1)
    void twoThousandDebitsOfOneAccountOnBothNodesSpendExactlyItsCredit() throws Exception {
        fund("hot", "1000.00");
        // two callers: a group commit then charges the account twice in one transaction
        String ingest = command(0).post("/v1/admin/api-keys", "{\"role\":\"INGEST\"}").text("token");
        Map<Integer, AtomicInteger> answers = spread(2_000, i -> (i % 4 < 2 ? command(i) : command(i).withKey(ingest))
                .debit("hot", "d" + i, "1.00"));

        assertThat(answers.get(201)).hasValue(1_000);
        assertThat(answers.get(402)).hasValue(1_000);
        assertThat(answers.keySet()).containsOnly(201, 402);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'hot' "
                + "AND payloadtype LIKE '%.UsageDebited'")).isEqualTo(1_000);
        assertThat(count("SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'idempotencyKey') "
                + "FROM domainevententry WHERE aggregateidentifier = 'hot' AND payloadtype LIKE '%.UsageDebited'"))
                .isEqualTo(1_000);
        for (int node = 0; node < 2; node++) {
            JsonNode spendable = ok(command(node).get("/v1/accounts/hot/spendable"));
            assertThat(spendable.path("available").asText()).as("node " + node).isEqualTo("0.00");
        }
    }

    @Test
    @Order(2)
    void holdsAndASpendLimitOnBothNodesAdmitExactlyWhatTheyAllow() throws Exception {
        fund("holds", "100.00");
        Map<Integer, AtomicInteger> reserved = spread(400, i -> command(i).post("/v1/accounts/holds/reservations",
                "{\"reservationId\":\"r" + i + "\",\"amount\":\"1.00\"}"));
        assertThat(reserved.get(201)).hasValue(100);
        assertThat(reserved.get(402)).hasValue(300);
        List<String> held = jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reservationId' "
                + "FROM domainevententry WHERE aggregateidentifier = 'holds' AND payloadtype LIKE '%.CreditReserved'", String.class);
        assertThat(held).hasSize(100).doesNotHaveDuplicates();
        Map<Integer, AtomicInteger> captured = spread(held.size(), i -> command(i).post("/v1/accounts/holds/reservations/"
                + held.get(i) + "/capture", "{\"idempotencyKey\":\"c-" + held.get(i) + "\",\"amount\":\"1.00\"}"));
        assertThat(captured.get(201)).hasValue(100);
        JsonNode holds = ok(command(1).get("/v1/accounts/holds/spendable"));
        assertThat(holds.path("available").asText()).isEqualTo("0.00");
        assertThat(holds.path("reserved").asText()).isEqualTo("0.00");

        fund("limited", "1000.00");
        assertThat(command(1).put("/v1/accounts/limited/spend-limit", "{\"monthly\":\"50.00\"}").status()).isEqualTo(200);
        Map<Integer, AtomicInteger> limited = spread(200, i -> command(i).debit("limited", "l" + i, "1.00"));
        assertThat(limited.get(201)).hasValue(50);
        assertThat(limited.get(402)).hasValue(150);
        JsonNode spendable = ok(command(0).get("/v1/accounts/limited/spendable"));
        assertThat(spendable.at("/spendLimit/spent").asText()).isEqualTo("50.00");
        assertThat(spendable.path("available").asText()).isEqualTo("950.00");
    }

    @Test
    @Order(3)
    void aLotAndAHoldFallingDueWhileBothNodesRunAreExpiredOnce() throws Exception {
        created(command(0).openAccount("due"));
        created(support.post("/v1/accounts/due/grants", "{\"grantId\":\"g\",\"credits\":\"10.00\",\"reason\":\"trial\","
                + "\"expiresAt\":\"2026-01-06T00:00:00Z\"}"));
        created(command(1).post("/v1/accounts/due/reservations",
                "{\"reservationId\":\"r\",\"amount\":\"2.00\",\"expiresIn\":\"PT1H\"}"));
        ExecutorService both = Executors.newFixedThreadPool(2);
        List<Future<Integer>> moved = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            LedgerClient client = command(node);
            moved.add(both.submit(() -> client.setClock("2026-01-07T00:00:00Z").status()));
        }
        for (Future<Integer> status : moved) {
            assertThat(status.get()).isEqualTo(200);
        }
        both.shutdown();
        Thread.sleep(1_000); // several polls of both nodes after the move
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'due' "
                + "AND payloadtype LIKE '%.ReservationExpired'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'due' "
                + "AND payloadtype LIKE '%.CreditExpired'")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aReplayAskedOfOneQueryNodeRebuildsEveryReportByteForByte() throws InterruptedException {
        awaitProjections(query(1));
        List<String> reports = List.of("/v1/reports/deferred-revenue?from=2026-01&to=2026-01",
                "/v1/reports/journal?from=2026-01&to=2026-01&format=csv", "/v1/reports/trial-balance",
                "/v1/accounts/due/history", "/v1/accounts/hot/balance", "/v1/accounts/holds/balance",
                "/v1/accounts/limited/balance");
        Map<String, String> before = answers(query(0), reports);

        assertThat(query(1).post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        assertThat(count(SEGMENTS)).as("split for the replay").isGreaterThan(2);
        awaitProjections(query(0));
        sameAnswers(answers(query(1), reports), before);
        sameAnswers(answers(query(0), reports), before);
        // merged back into two, whichever node held which: one lets go of its half for the other
        awaitUntil("segments merged back to two", () -> count(SEGMENTS) == 2, 30);
        awaitProjections(query(0));
        sameAnswers(answers(query(0), reports), before);
        assertThat(count("SELECT generation FROM projection_replay")).isEqualTo(1);

        // a replay whose asking node died before it finished: the others start again by themselves
        jdbc.update("UPDATE projection_replay SET phase = 'stopping'");
        awaitUntil("phase back to running",
                () -> "running".equals(jdbc.queryForObject("SELECT phase FROM projection_replay", String.class)), 10);
        LedgerClient.Response granted = support.post("/v1/accounts/hot/grants",
                "{\"grantId\":\"after-replay\",\"credits\":\"5.00\",\"reason\":\"goodwill\",\"validity\":\"P1Y\"}");
        created(granted);
        for (int node = 0; node < 2; node++) {
            assertThat(ok(query(node).get("/v1/accounts/hot/balance?waitFor=" + granted.text("position")))
                    .path("available").asText()).isEqualTo("5.00");
        }
    }

    @Test
    @Order(5)
    void aCommandNodeKilledUnderLoadLosesNoAcknowledgedDebitAndDoublesNone() throws Exception {
        fund("crash", "1000.00");
        AtomicInteger done = new AtomicInteger();
        Map<String, Integer> firstAnswers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int first = client;
            work.add(clients.submit(() -> {
                for (int i = first; i < 600; i += CLIENTS) {
                    String key = "c" + i;
                    LedgerClient.Response answer;
                    try {
                        answer = command(i).debit("crash", key, "1.00");
                    } catch (UncheckedIOException nodeGone) {
                        answer = null;
                    }
                    if (answer == null || answer.status() >= 500) {
                        // the client's retry, with the same key, on the node that is left
                        answer = commandNodes.get(1).client().debit("crash", key, "1.00");
                    }
                    firstAnswers.put(key, answer.status());
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        while (done.get() < 150) {
            Thread.sleep(5);
        }
        commandNodes.get(0).kill();
        for (Future<?> client : work) {
            client.get();
        }
        clients.shutdown();

        assertThat(firstAnswers).hasSize(600);
        assertThat(firstAnswers.values()).containsOnly(201);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'crash' "
                + "AND payloadtype LIKE '%.UsageDebited'")).isEqualTo(600);
        assertThat(count("SELECT count(DISTINCT convert_from(payload, 'UTF8')::jsonb ->> 'idempotencyKey') "
                + "FROM domainevententry WHERE aggregateidentifier = 'crash' AND payloadtype LIKE '%.UsageDebited'"))
                .isEqualTo(600);
        assertThat(ok(commandNodes.get(1).client().get("/v1/accounts/crash/spendable")).path("available").asText())
                .isEqualTo("400.00");
        awaitProjections(query(0));
        JsonNode chain = ok(query(0).get("/v1/audit/verify?accountId=crash"));
        assertThat(chain.path("intact").asBoolean()).as(chain.toString()).isTrue();
        assertThat(chain.path("eventsChecked").asLong()).isEqualTo(count(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'crash'"));
    }

    @Test
    @Order(6)
    void aQueryNodeKilledOutrightLeavesItsSegmentToTheOther() throws Exception {
        String owner = jdbc.queryForObject("SELECT owner FROM tokenentry WHERE processorname = 'ledger-projections' "
                + "AND segment = 0", String.class);
        LedgerProcess holder = queryNodes.stream().filter(node -> owner.startsWith(node.pid() + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("no query node owns the segment: " + owner));
        LedgerProcess survivor = queryNodes.get(0) == holder ? queryNodes.get(1) : queryNodes.get(0);
        holder.kill();
        long killed = System.nanoTime();
        LedgerClient.Response debit = commandNodes.get(1).client().debit("crash", "after-kill", "1.00");
        created(debit);
        JsonNode balance = ok(survivor.client().get("/v1/accounts/crash/balance?waitFor=" + debit.text("position")));
        double failoverSeconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf("query-side failover: the survivor answered waitFor %.1f s after the kill%n", failoverSeconds);
        assertThat(balance.path("available").asText()).isEqualTo("399.00");
        // the claim timeout (4 s here) and one look for free segments (1 s), with room for a loaded machine
        assertThat(failoverSeconds).isLessThan(9);
        JsonNode progress = ok(survivor.client().get("/v1/admin/projections"));
        assertThat(progress.path("position").asLong()).isEqualTo(progress.path("head").asLong());
        assertThat(jdbc.queryForList("SELECT DISTINCT owner FROM tokenentry WHERE processorname = 'ledger-projections'",
                String.class)).containsExactly(survivor.pid() + "@" + owner.substring(owner.indexOf('@') + 1));

        List<String> reports = List.of("/v1/reports/deferred-revenue?from=2026-01&to=2026-01",
                "/v1/reports/journal?from=2026-01&to=2026-01&format=csv", "/v1/accounts/crash/history",
                "/v1/accounts/crash/balance");
        Map<String, String> live = answers(survivor.client(), reports);
        assertThat(survivor.client().post("/v1/admin/projections/replay", "").status()).isEqualTo(202);
        awaitProjections(survivor.client());
        sameAnswers(answers(survivor.client(), reports), live);
    }

    /** Opens an account and grants it {@code credits}, valid for a year. */
    private void fund(String account, String credits) {
        created(command(0).openAccount(account));
        created(support.post("/v1/accounts/" + account + "/grants", "{\"grantId\":\"g\",\"credits\":\"" + credits
                + "\",\"reason\":\"funds\",\"validity\":\"P1Y\"}"));
    }

    /** Sends {@code calls} requests from {@link #CLIENTS} threads; answers counted by status. */
    private Map<Integer, AtomicInteger> spread(int calls, IntFunction<LedgerClient.Response> call) throws Exception {
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int first = client;
            Callable<Void> sender = () -> {
                for (int i = first; i < calls; i += CLIENTS) {
                    byStatus.computeIfAbsent(call.apply(i).status(), status -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            };
            work.add(clients.submit(sender));
        }
        for (Future<?> done : work) {
            done.get();
        }
        clients.shutdown();
        return byStatus;
    }

    /** Call {@code i} goes to command node {@code i mod 2}. */
    private LedgerClient command(int i) {
        return commandNodes.get(i % 2).client();
    }

    private LedgerClient query(int node) {
        return queryNodes.get(node).client();
    }

    /** Polls {@code done} every 50 ms; fails as {@code what} after {@code seconds}. */
    private static void awaitUntil(String what, BooleanSupplier done, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void awaitProjections(LedgerClient node) {
        ok(node.get("/v1/admin/projections?waitFor=" + count("SELECT max(globalindex) FROM domainevententry")));
    }

    private static Map<String, String> answers(LedgerClient node, List<String> reports) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String report : reports) {
            LedgerClient.Response response = node.get(report);
            assertThat(response.status()).as(report + ": " + response.raw()).isEqualTo(200);
            answers.put(report, response.raw());
        }
        return answers;
    }

    private static void sameAnswers(Map<String, String> answers, Map<String, String> expected) {
        expected.forEach((report, answer) -> assertThat(answers.get(report)).as(report).isEqualTo(answer));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static JsonNode ok(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    private static void created(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }
}
