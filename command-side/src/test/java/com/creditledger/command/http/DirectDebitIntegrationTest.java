package com.creditledger.command.http;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single debit is served ahead of the servlet filter chain (platform.direct) and must be
 * indistinguishable from the same debit through the chain: the same status, headers and bytes for
 * an answer, a retry, a refusal and a conflict; the same caller recorded on the event; the same
 * latency metric; and exactness with both ways taken at once. A query string is one of the things
 * that send a call through the full chain, so {@code ?via=chain} asks for the chain.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=DirectDebitIntegrationTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@AutoConfigureObservability(tracing = false)
class DirectDebitIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USAGE = "/v1/accounts/{accountId}/usage";
    /** Framing and time, which differ between any two answers. */
    private static final Set<String> FRAMING = Set.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyAnswerIsTheFullChainsByteForByte() throws Exception {
        LedgerClient admin = new LedgerClient(port);
        admin.openAccount("same");
        admin.topUp("same", "t1", "10.00"); // 10.00 credits

        String paid = "{\"idempotencyKey\":\"k-1\",\"amount\":\"4.00\"}";
        assertThat(post("/v1/accounts/same/usage", paid, null).statusCode()).isEqualTo(201);
        String[] accepts = {null, "*/*", "application/json"};
        for (int a = 0; a < accepts.length; a++) {
            String accept = accepts[a];
            // a retry answered from the first call's receipt
            assertSame(post("/v1/accounts/same/usage", paid, accept),
                    post("/v1/accounts/same/usage?via=chain", paid, accept), 201);
            // more than is left: 402 insufficient_credit
            String tooMuch = "{\"idempotencyKey\":\"k-big-" + a + "\",\"amount\":\"500.00\"}";
            assertSame(post("/v1/accounts/same/usage", tooMuch, accept),
                    post("/v1/accounts/same/usage?via=chain", tooMuch, accept), 402);
            // the key again with another amount: 409
            String changed = "{\"idempotencyKey\":\"k-1\",\"amount\":\"4.01\"}";
            assertSame(post("/v1/accounts/same/usage", changed, accept),
                    post("/v1/accounts/same/usage?via=chain", changed, accept), 409);
            // no such account: 404
            String elsewhere = "{\"idempotencyKey\":\"k-2\",\"amount\":\"1.00\"}";
            assertSame(post("/v1/accounts/nobody/usage", elsewhere, accept),
                    post("/v1/accounts/nobody/usage?via=chain", elsewhere, accept), 404);
            // the body names another account than the path: 400, raised by the controller itself
            String otherAccount = "{\"accountId\":\"other\",\"idempotencyKey\":\"k-3\",\"amount\":\"1.00\"}";
            assertSame(post("/v1/accounts/same/usage", otherAccount, accept),
                    post("/v1/accounts/same/usage?via=chain", otherAccount, accept), 400);
        }
        assertThat(new StoredEvents(jdbc).count("same", "UsageDebited")).isEqualTo(1);
    }

    @Test
    void whatTheChainRefusesIsStillRefusedTheSameWay() throws Exception {
        LedgerClient admin = new LedgerClient(port);
        admin.openAccount("guarded");
        admin.topUp("guarded", "t1", "10.00");
        admin.openAccount("someone-else");
        LedgerClient customerOfAnother = admin.withKey(admin.post("/v1/admin/api-keys",
                "{\"role\":\"CUSTOMER\",\"accountId\":\"someone-else\"}").text("token"));

        assertThat(admin.withKey(null).debit("guarded", "r-1", "1.00").body().path("code").asText())
                .isEqualTo("unauthenticated");
        assertThat(admin.withKey("no-such-key").debit("guarded", "r-2", "1.00").status()).isEqualTo(401);
        assertThat(customerOfAnother.debit("guarded", "r-3", "1.00").body().path("code").asText()).isEqualTo("forbidden");
        LedgerClient.Response twice = admin.post("/v1/accounts/guarded/usage",
                "{\"idempotencyKey\":\"r-4\",\"amount\":\"1.00\",\"amount\":\"2.00\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().path("code").asText()).isEqualTo("malformed_request");
        LedgerClient.Response numberForString = admin.post("/v1/accounts/guarded/usage",
                "{\"idempotencyKey\":\"r-5\",\"amount\":1.00}");
        assertThat(numberForString.body().path("field").asText()).isEqualTo("amount");
        LedgerClient.Response invalid = admin.post("/v1/accounts/guarded/usage",
                "{\"idempotencyKey\":\"r 6\",\"amount\":\"1.00\"}");
        assertThat(invalid.body().path("code").asText()).isEqualTo("validation_failed");
        assertThat(invalid.body().path("errors").isArray()).isTrue(); // the chain's answer, not a shortcut's
        assertThat(new StoredEvents(jdbc).count("guarded", "UsageDebited")).isZero();
    }

    @Test
    void theCallerIsRecordedAndTheLatencyMeasured() {
        LedgerClient admin = new LedgerClient(port);
        admin.openAccount("traced");
        admin.topUp("traced", "t1", "10.00");
        LedgerClient.Response created = admin.post("/v1/admin/api-keys", "{\"role\":\"INGEST\",\"description\":\"gw\"}");
        LedgerClient gateway = admin.withKey(created.text("token"));
        double before = timed("201");

        assertThat(gateway.debit("traced", "c-1", "1.00").status()).isEqualTo(201);

        assertThat(jdbc.queryForObject("SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'actor' FROM domainevententry "
                + "WHERE aggregateidentifier = 'traced' AND payloadtype LIKE '%UsageDebited'", String.class))
                .isEqualTo(created.text("keyId"));
        assertThat(timed("201")).isEqualTo(before + 1);
    }

    @Test
    void directAndChainedDebitsAtOnceNeverSpendMoreThanTheCredit() throws Exception {
        LedgerClient admin = new LedgerClient(port);
        admin.openAccount("both-ways");
        admin.topUp("both-ways", "t1", "50.00"); // 50.00 credits: 50 of the 200 debits of 1.00

        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<int[]>> work = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            String way = thread % 2 == 0 ? "" : "?via=chain";
            int t = thread;
            work.add(threads.submit(() -> {
                int[] byStatus = new int[600];
                for (int i = 0; i < 25; i++) {
                    byStatus[post("/v1/accounts/both-ways/usage" + way,
                            "{\"idempotencyKey\":\"w-" + t + "-" + i + "\",\"amount\":\"1.00\"}", null).statusCode()]++;
                }
                return byStatus;
            }));
        }
        int accepted = 0;
        int refused = 0;
        for (Future<int[]> future : work) {
            accepted += future.get()[201];
            refused += future.get()[402];
        }
        threads.shutdown();

        assertThat(accepted).isEqualTo(50);
        assertThat(refused).isEqualTo(150);
        assertThat(new StoredEvents(jdbc).count("both-ways", "UsageDebited")).isEqualTo(50);
    }

    /** One meter per status counts both ways, under the chain's tags: a dashboard cannot tell them apart. */
    @Test
    void directAndChainedDebitsAreTimedByTheSameMeters() throws Exception {
        LedgerClient admin = new LedgerClient(port);
        admin.openAccount("metered");
        admin.topUp("metered", "t1", "10.00");
        double accepted = timed("201");
        double refused = timed("402");

        for (String way : List.of("", "?via=chain")) {
            String key = way.isEmpty() ? "direct" : "chained";
            assertThat(post("/v1/accounts/metered/usage" + way, "{\"idempotencyKey\":\"" + key + "\",\"amount\":\"1.00\"}",
                    null).statusCode()).isEqualTo(201);
            assertThat(post("/v1/accounts/metered/usage" + way, "{\"idempotencyKey\":\"big-" + key + "\",\"amount\":\"99.00\"}",
                    null).statusCode()).isEqualTo(402);
        }

        assertThat(timed("201")).isEqualTo(accepted + 2);
        assertThat(timed("402")).isEqualTo(refused + 2);
        Timer timer = meters.get("http.server.requests").tag("uri", USAGE).tag("status", "402").timer();
        assertThat(timer.getId().getTags()).extracting(Tag::getKey)
                .containsExactly("error", "exception", "method", "outcome", "status", "uri");
        assertThat(timer.getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
        assertThat(meters.get("http.server.requests.active").tag("uri", USAGE).longTaskTimer().activeTasks()).isZero();
    }

    /** Requests to the usage endpoint answered with this status, counted by every meter that has them. */
    private double timed(String status) {
        Collection<Timer> timers = meters.find("http.server.requests").tag("uri", USAGE).tag("status", status).timers();
        assertThat(timers).hasSizeLessThanOrEqualTo(1);
        return timers.stream().mapToDouble(Timer::count).sum();
    }

    private static void assertSame(HttpResponse<String> direct, HttpResponse<String> chained, int status) {
        assertThat(chained.statusCode()).as(chained.body()).isEqualTo(status);
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(status);
        assertThat(direct.body()).isEqualTo(chained.body().replace("?via=chain", ""));
        assertThat(headers(direct)).isEqualTo(headers(chained));
        // proof each took its way: the direct answer is written whole, the chain's is streamed
        assertThat(direct.headers().firstValue("content-length")).isPresent();
        assertThat(chained.headers().firstValue("content-length")).isEmpty();
    }

    private static Map<String, List<String>> headers(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.keySet().removeIf(FRAMING::contains);
        return headers;
    }

    private HttpResponse<String> post(String path, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LedgerClient.TEST_ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
