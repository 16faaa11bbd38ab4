package com.creditledger.query;

import com.creditledger.testsupport.LedgerClient;
import com.creditledger.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end: both services as processes on one database, receivers this test starts on
 * 127.0.0.1. Signatures verify with an HMAC computed here; retries repeat the webhook-id with
 * growing waits; 410 disables an endpoint; killing the sender mid-backlog and running two sender
 * nodes afterwards loses nothing and sends each message again only if it was in flight at the kill;
 * an event whose transaction rolled back is never sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksTest {

    private static final String[] QUERY_SIDE = {"--ledger.webhooks.retry-schedule=PT0.5S,PT1.5S",
            "--ledger.webhooks.timeout=PT2S", "--ledger.webhooks.lease=PT4S", "--ledger.webhooks.poll-interval=PT0.05S"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a receiver got: which path, the three Standard Webhooks headers, the body, and when. */
    record Received(String path, String id, String timestamp, String signature, String body, long atNanos) {
    }

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();
    // "/slow" answers its first ten at once, then holds every sender until the test has killed one:
    // a backlog is still waiting at the kill however fast this machine is
    private final AtomicInteger slowArrivals = new AtomicInteger();
    private final CountDownLatch slowGate = new CountDownLatch(1);
    private TestDatabase.Database database;
    private JdbcTemplate jdbc;
    private HttpServer receiver;
    private LedgerProcess commandSide;
    private LedgerProcess querySide;
    private LedgerProcess secondNode;
    private LedgerClient commands;
    private LedgerClient queries;

    @BeforeAll
    void start() throws IOException {
        database = TestDatabase.create();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            received.add(new Received(path, id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.nanoTime()));
            int status = switch (path) {
                case "/flaky" -> flakyAttempts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet() <= 2 ? 500 : 200;
                case "/gone" -> 410;
                case "/slow" -> {
                    if (slowArrivals.incrementAndGet() > 10) {
                        awaitGate();
                    }
                    sleep(40);
                    yield 204;
                }
                default -> 200;
            };
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        commandSide = LedgerProcess.commandSide(database.url(), database.user(), database.password(),
                "--ledger.clock.mode=manual");
        commands = commandSide.client();
        assertThat(commands.setClock("2025-06-01T00:00:00Z").status()).isEqualTo(200);
        querySide = startQuerySide();
    }

    @AfterAll
    void stop() {
        for (LedgerProcess process : new LedgerProcess[]{secondNode, querySide, commandSide}) {
            if (process != null) {
                process.close();
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void aCrossedThresholdReachesTheReceiverSignedAsStandardWebhooksSpecify() throws Exception {
        JsonNode endpoint = createEndpoint("/ok", "balance.low", "balance.depleted");
        String secret = endpoint.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(queries.get("/v1/webhooks/endpoints").raw()).doesNotContain(secret);

        lowAccount("signed");
        await(() -> from("/ok").size() == 2, "two deliveries to /ok");
        for (Received message : from("/ok")) {
            assertThat(message.signature()).isEqualTo(expectedSignature(secret, message));
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(message.timestamp()))).isLessThan(60);
        }
        Map<String, JsonNode> byType = from("/ok").stream().map(message -> read(message.body()))
                .collect(Collectors.toMap(body -> body.path("type").asText(), Function.identity()));
        JsonNode low = byType.get("balance.low");
        assertThat(low.at("/data/accountId").asText()).isEqualTo("signed");
        assertThat(low.at("/data/threshold").asText()).isEqualTo("5.00");
        assertThat(low.at("/data/available").asText()).isEqualTo("4.00");
        assertThat(low.at("/data/direction").asText()).isEqualTo("DOWN");
        assertThat(low.at("/data/position").asLong()).isPositive();
        assertThat(low.at("/data/eventId").asText()).isNotBlank();
        assertThat(byType.get("balance.depleted").at("/data/available").asText()).isEqualTo("0.00");

        // the attempt is logged once the receiver has answered
        await(() -> deliveries("accountId=signed&status=delivered").size() == 2, "both logged as delivered");
        assertThat(deliveries("accountId=signed&status=delivered").at("/0/attemptLog/0/statusCode").asInt()).isEqualTo(200);
        deleteEndpoint(endpoint);
    }

    @Test
    @Order(2)
    void aFailingReceiverGetsTheSameWebhookIdAgainWithGrowingWaitsAndAManualRetrySendsItOnceMore() throws Exception {
        JsonNode endpoint = createEndpoint("/flaky", "balance.low");
        lowAccount("flaky");
        await(() -> from("/flaky").size() == 3, "three attempts at /flaky");
        List<Received> attempts = from("/flaky");
        assertThat(attempts).extracting(Received::id).containsOnly(attempts.get(0).id());
        long firstWait = attempts.get(1).atNanos() - attempts.get(0).atNanos();
        long secondWait = attempts.get(2).atNanos() - attempts.get(1).atNanos();
        assertThat(Duration.ofNanos(firstWait)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(secondWait).isGreaterThan(firstWait);

        String endpointId = endpoint.path("endpointId").asText();
        await(() -> deliveries("endpointId=" + endpointId + "&status=delivered").size() == 1, "logged as delivered");
        JsonNode delivery = deliveries("endpointId=" + endpointId).path(0);
        assertThat(delivery.path("status").asText()).isEqualTo("delivered");
        assertThat(delivery.path("deliveryId").asText()).isEqualTo(attempts.get(0).id());
        assertThat(delivery.path("attemptLog")).extracting(attempt -> attempt.path("statusCode").asInt())
                .containsExactly(500, 500, 200);
        LedgerClient.Response retried = queries.post("/v1/webhooks/deliveries/" + attempts.get(0).id() + "/retry", "");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        await(() -> from("/flaky").size() == 4, "the manual retry");
        deleteEndpoint(endpoint);
    }

    @Test
    @Order(3)
    void aReceiverAnswering410DisablesItsEndpoint() throws Exception {
        JsonNode endpoint = createEndpoint("/gone", "balance.low");
        String endpointId = endpoint.path("endpointId").asText();
        lowAccount("gone");
        await(() -> queries.get("/v1/webhooks/endpoints").raw().contains("\"disabled\""), "the endpoint disabled");
        lowAccount("gone-later");
        Thread.sleep(1_000);
        assertThat(from("/gone")).hasSize(1);
        assertThat(deliveries("endpointId=" + endpointId + "&status=failed")).hasSize(1);
        assertThat(queries.post("/v1/webhooks/deliveries/" + from("/gone").get(0).id() + "/retry", "").text("code"))
                .isEqualTo("endpoint_disabled");
        assertThat(queries.get("/actuator/metrics/ledger.webhooks.failed").body().at("/measurements/0/value").asDouble())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @Order(4)
    void aRolledBackEventIsNeverSent() throws Exception {
        JsonNode endpoint = createEndpoint("/ok", "balance.low");
        String endpointId = endpoint.path("endpointId").asText();
        // an event appended in a transaction that rolls back: a copy of a real crossing under a new id
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, "
                    + "type, timestamp, payloadtype, payloadrevision, payload, metadata) "
                    + "SELECT nextval('domainevententry_globalindex_seq'), gen_random_uuid()::text, 'rolled-back', 0, type, "
                    + "timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry "
                    + "WHERE payloadtype LIKE '%BalanceThresholdCrossed' LIMIT 1");
            sleep(500);
            status.setRollbackOnly();
        });
        lowAccount("committed");
        await(() -> deliveries("endpointId=" + endpointId + "&status=delivered").size() == 1,
                "the committed event delivered");
        Thread.sleep(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM wh_message WHERE endpoint_id = ?", Long.class, endpointId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT account_id FROM wh_message WHERE endpoint_id = ?", String.class, endpointId))
                .isEqualTo("committed");
        deleteEndpoint(endpoint);
    }

    @Test
    @Order(5)
    void killingTheSenderMidBacklogAndRunningTwoNodesLosesNothing() throws Exception {
        JsonNode endpoint = createEndpoint("/slow", "balance.low");
        String endpointId = endpoint.path("endpointId").asText();
        int accounts = 60;
        for (int account = 0; account < accounts; account++) {
            lowAccount("backlog-" + account);
        }
        await(() -> from("/slow").size() >= 10, "the first deliveries");
        querySide.kill();
        int beforeKill = from("/slow").size();
        slowGate.countDown();
        querySide = startQuerySide();
        secondNode = LedgerProcess.querySide(database.url(), database.user(), database.password(), QUERY_SIDE);
        await(() -> jdbc.queryForObject("SELECT count(*) FROM wh_message WHERE endpoint_id = ? AND status = 'DELIVERED'",
                Long.class, endpointId) == accounts, "every message delivered");
        List<Received> got = from("/slow");
        long distinct = got.stream().map(Received::id).distinct().count();
        assertThat(distinct).isEqualTo(accounts);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%BalanceThresholdCrossed' AND aggregateidentifier LIKE 'backlog-%' AND convert_from(payload, 'UTF8')::jsonb"
                + " ->> 'threshold' = '5.00'", Long.class)).isEqualTo(accounts);
        // a message comes twice only if the receiver got an attempt the sender never saw answered: one that
        // timed out (logged, then retried) or one of the at most 8 in flight at the kill (a node claims no
        // more than its free send slots)
        long timedOut = jdbc.queryForObject("SELECT count(*) FROM wh_attempt a JOIN wh_message m "
                + "ON m.message_id = a.message_id WHERE m.endpoint_id = ? AND a.status_code IS NULL", Long.class, endpointId);
        assertThat(got.size() - distinct).isLessThanOrEqualTo(timedOut + 8);
        assertThat(beforeKill).isLessThan(accounts);
        // after the restart, two nodes: every attempt logged once per message and node's claim
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT sent_by) FROM wh_attempt a JOIN wh_message m "
                + "ON m.message_id = a.message_id WHERE m.endpoint_id = ?", Long.class, endpointId)).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(6)
    void theBalanceShowsTheAlertsAndWhereARechargeStandsAndTheProviderHearsOfTheRequest() throws Exception {
        JsonNode endpoint = createEndpoint("/ok", "auto_recharge.requested");
        assertThat(commands.openAccount("acting").status()).isEqualTo(201);
        assertThat(commands.topUp("acting", "t1", "200.00").status()).isEqualTo(201);
        assertThat(commands.put("/v1/accounts/acting/alerts", "{\"balanceBelow\":[\"150.00\",\"50.00\"]}").status())
                .isEqualTo(200);
        assertThat(commands.put("/v1/accounts/acting/auto-recharge",
                "{\"enabled\":true,\"threshold\":\"150.00\",\"rechargeTo\":\"500.00\"}").status()).isEqualTo(200);
        long position = commands.debit("acting", "k1", "60.00").body().path("position").asLong();

        JsonNode balance = queries.get("/v1/accounts/acting/balance?waitFor=" + position).body();
        assertThat(balance.at("/alerts/balanceBelow").toString()).isEqualTo("[\"50.00\",\"150.00\"]");
        assertThat(balance.at("/alerts/below").toString()).isEqualTo("[\"150.00\"]");
        assertThat(balance.at("/alerts/expiryNoticeDays").toString()).isEqualTo("[60,7,1]");
        assertThat(balance.at("/autoRecharge/status").asText()).isEqualTo("requested");
        assertThat(balance.at("/autoRecharge/requestId").asText()).isEqualTo("acting-recharge-1");
        assertThat(balance.at("/autoRecharge/requestedAmount").asText()).isEqualTo("360.00");
        assertThat(balance.at("/autoRecharge/settings/rechargeTo").asText()).isEqualTo("500.00");

        await(() -> from("/ok").stream().anyMatch(message -> message.body().contains("acting-recharge-1")),
                "the provider told of the request");
        JsonNode request = from("/ok").stream().map(message -> read(message.body()))
                .filter(body -> body.at("/data/requestId").asText().equals("acting-recharge-1")).findFirst().orElseThrow();
        assertThat(request.path("type").asText()).isEqualTo("auto_recharge.requested");
        assertThat(request.at("/data/amount").asText()).isEqualTo("360.00");
        assertThat(request.at("/data/available").asText()).isEqualTo("140.00");

        position = commands.post("/v1/accounts/acting/auto-recharge/acting-recharge-1/failed",
                "{\"reason\":\"card declined\"}").body().path("position").asLong();
        balance = queries.get("/v1/accounts/acting/balance?waitFor=" + position).body();
        assertThat(balance.at("/autoRecharge/status").asText()).isEqualTo("idle");
        assertThat(balance.at("/autoRecharge/consecutiveFailures").asInt()).isEqualTo(1);
        // as it stood before the debit: below nothing, nothing requested
        JsonNode before = queries.get("/v1/accounts/acting/balance?asOf=2025-05-31T00:00:00Z").body();
        assertThat(before.path("autoRecharge").isNull()).isTrue();
        deleteEndpoint(endpoint);
    }

    private LedgerProcess startQuerySide() {
        LedgerProcess started = LedgerProcess.querySide(database.url(), database.user(), database.password(), QUERY_SIDE);
        queries = started.client();
        return started;
    }

    private JsonNode createEndpoint(String path, String... types) {
        String body = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + path + "\",\"eventTypes\":["
                + java.util.Arrays.stream(types).map(type -> "\"" + type + "\"").collect(Collectors.joining(",")) + "]}";
        LedgerClient.Response created = queries.post("/v1/webhooks/endpoints", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body();
    }

    /** The delivery log's entries for a query string such as {@code endpointId=…&status=delivered}. */
    private JsonNode deliveries(String query) {
        return queries.get("/v1/webhooks/deliveries?" + query).body().path("deliveries");
    }

    private void deleteEndpoint(JsonNode endpoint) {
        assertThat(queries.send("DELETE", "/v1/webhooks/endpoints/" + endpoint.path("endpointId").asText(), "",
                "application/json")
                .status()).isEqualTo(204);
    }

    /** $10 of credit, alerts below 5.00: a 6.00 debit crosses 5.00 (balance.low), a 4.00 one empties it (depleted). */
    private void lowAccount(String accountId) {
        assertThat(commands.openAccount(accountId).status()).isEqualTo(201);
        assertThat(commands.topUp(accountId, "t1", "10.00").status()).isEqualTo(201);
        assertThat(commands.put("/v1/accounts/" + accountId + "/alerts", "{\"balanceBelow\":[\"5.00\"]}").status())
                .isEqualTo(200);
        assertThat(commands.debit(accountId, "k1", "6.00").status()).isEqualTo(201);
        assertThat(commands.debit(accountId, "k2", "4.00").status()).isEqualTo(201);
    }

    private List<Received> from(String path) {
        return received.stream().filter(message -> message.path().equals(path)).toList();
    }

    /** The signature computed here, independently of the ledger's code. */
    private static String expectedSignature(String secret, Received message) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(hmac.doFinal(
                (message.id() + "." + message.timestamp() + "." + message.body()).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private void awaitGate() {
        try {
            slowGate.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
