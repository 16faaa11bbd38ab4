package com.creditledger.command.http;

import com.creditledger.testsupport.LedgerClient;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every kind of bad request gets its 4xx problem+json with a stable code, and the event store and
 * the receipts are exactly as they were before it.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the manual clock only moves forward: a ledger (context and database) of this class's own
        properties = {"ledger.clock.mode=manual", "spring.application.name=BadInputIntegrationTest"})
@ContextConfiguration(initializers = FreshDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTest {

    private static final String USAGE = "/v1/accounts/acme/usage";
    private static final String TOP_UP = "/v1/accounts/acme/top-ups";
    private static final String REFUND = "/v1/accounts/acme/refunds";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerClient ledger;

    @BeforeAll
    void anAccountWithCredit() {
        ledger = new LedgerClient(port);
        ledger.setClock("2025-06-01T00:00:00Z");
        assertThat(ledger.openAccount("acme").status()).isEqualTo(201);
        assertThat(ledger.topUp("acme", "t1", "99.00").status()).isEqualTo(201);
        assertThat(ledger.debit("acme", "already-used", "1.00").status()).isEqualTo(201);
    }

    static Stream<Arguments> badRequests() {
        String oversizedBatch = IntStream.range(0, 1001)
                .mapToObj(i -> "{\"accountId\":\"acme\",\"idempotencyKey\":\"b" + i + "\",\"amount\":\"0.01\"}")
                .collect(Collectors.joining(",", "{\"records\":[", "]}"));
        return Stream.of(
                arguments("unparseable JSON", "POST", USAGE, "{\"idempotencyKey\":", 400, "malformed_request"),
                arguments("empty body", "POST", USAGE, "", 400, "malformed_request"),
                arguments("tokens as text", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"inputTokens\":\"many\""), 400, "validation_failed"),
                arguments("negative tokens", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"inputTokens\":-5"), 400, "validation_failed"),
                arguments("fractional tokens", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"outputTokens\":1.5"), 400, "validation_failed"),
                arguments("tokens beyond a long", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"inputTokens\":99999999999999999999999"), 400, "validation_failed"),
                arguments("tokens beyond a trillion", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"inputTokens\":1000000000001"), 400, "validation_failed"),
                arguments("unknown model", "POST", USAGE, usage("\"model\":\"gpt-99\",\"inputTokens\":10"), 422, "unknown_model"),
                arguments("unknown account", "POST", "/v1/accounts/nobody/usage", usage("\"amount\":\"1.00\""), 404, "account_not_found"),
                arguments("missing idempotency key", "POST", USAGE, "{\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("amount and tokens both", "POST", USAGE, usage("\"amount\":\"1\",\"model\":\"gpt-4o\",\"inputTokens\":10"), 400, "validation_failed"),
                arguments("neither amount nor tokens", "POST", USAGE, usage("\"model\":\"gpt-4o\""), 400, "validation_failed"),
                arguments("negative amount", "POST", USAGE, usage("\"amount\":\"-1.00\""), 400, "validation_failed"),
                arguments("amount finer than a nano-credit", "POST", USAGE, usage("\"amount\":\"0.0000000001\""), 400, "validation_failed"),
                arguments("huge amount", "POST", USAGE, usage("\"amount\":\"1e15\""), 400, "validation_failed"),
                arguments("amount that is not a number", "POST", USAGE, usage("\"amount\":\"ten\""), 400, "validation_failed"),
                arguments("impossible date", "POST", USAGE, usage("\"amount\":\"1\",\"occurredAt\":\"2025-02-30T00:00:00Z\""), 400, "validation_failed"),
                arguments("date far in the future", "POST", USAGE, usage("\"amount\":\"1\",\"occurredAt\":\"2030-01-01T00:00:00Z\""), 400, "validation_failed"),
                arguments("unknown property", "POST", USAGE, usage("\"amount\":\"1\",\"amout\":\"2\""), 400, "validation_failed"),
                arguments("more than insufficient credit", "POST", USAGE, usage("\"amount\":\"500\""), 402, "insufficient_credit"),
                arguments("same key, other body", "POST", USAGE, "{\"idempotencyKey\":\"already-used\",\"amount\":\"2.00\"}", 409, "idempotency_conflict"),
                arguments("batch over 1,000 records", "POST", "/v1/usage:batch", oversizedBatch, 400, "batch_too_large"),
                arguments("batch without records", "POST", "/v1/usage:batch", "{}", 400, "validation_failed"),
                arguments("negative top-up", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"-99.00\"}", 400, "validation_failed"),
                arguments("top-up in fractions of a cent", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"99.001\"}", 400, "validation_failed"),
                arguments("top-up expiring before purchase", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"10\",\"principalExpiresAt\":\"2020-01-01T00:00:00Z\"}", 400, "validation_failed"),
                arguments("top-up date not a date", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"10\",\"purchasedAt\":\"yesterday\"}", 400, "validation_failed"),
                arguments("top-up id reused", "POST", TOP_UP, "{\"topUpId\":\"t1\",\"amount\":\"499.00\"}", 409, "idempotency_conflict"),
                arguments("account id with spaces", "POST", "/v1/accounts", "{\"accountId\":\"bad id\"}", 400, "validation_failed"),
                arguments("currency that does not exist", "POST", "/v1/accounts", "{\"accountId\":\"x1\",\"currency\":\"XYZ\"}", 400, "validation_failed"),
                arguments("overdraft as text", "POST", "/v1/accounts", "{\"accountId\":\"x1\",\"overdraftLimit\":\"lots\"}", 400, "validation_failed"),
                arguments("negative validity", "POST", "/v1/accounts", "{\"accountId\":\"x1\",\"creditTerms\":{\"principalValidity\":\"P-1M\"}}", 400, "validation_failed"),
                arguments("existing account, other terms", "POST", "/v1/accounts", "{\"accountId\":\"acme\",\"currency\":\"EUR\"}", 409, "account_exists"),
                arguments("refund of credits and all", "POST", REFUND, "{\"refundId\":\"r1\",\"topUpId\":\"t1\",\"credits\":\"1\",\"all\":true}", 400, "validation_failed"),
                arguments("refund of an unknown top-up", "POST", REFUND, "{\"refundId\":\"r1\",\"topUpId\":\"t404\",\"all\":true}", 404, "top_up_not_found"),
                arguments("refund of more than is left", "POST", REFUND, "{\"refundId\":\"r1\",\"topUpId\":\"t1\",\"credits\":\"500\"}", 422, "refund_exceeds_remaining"),
                arguments("rate card with a negative price", "PUT", "/v1/rate-cards/v2", "{\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"models\":{\"m\":{\"input\":\"-1\",\"output\":\"1\"}}}", 400, "validation_failed"),
                arguments("rate card without models", "PUT", "/v1/rate-cards/v2", "{\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"models\":{}}", 400, "validation_failed"),
                arguments("clock moved backwards", "PUT", "/v1/admin/clock", "{\"now\":\"2024-01-01T00:00:00Z\"}", 409, "clock_backwards"),
                arguments("customer key for an unknown account", "POST", "/v1/admin/api-keys", "{\"role\":\"CUSTOMER\",\"accountId\":\"nobody\"}", 404, "account_not_found"),
                // strict parsing: one meaning per request
                arguments("amount twice", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"1.00\",\"amount\":\"500.00\"}", 400, "malformed_request"),
                arguments("tokens twice", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"inputTokens\":10,\"inputTokens\":99999999"), 400, "malformed_request"),
                arguments("batch record with two accounts", "POST", "/v1/usage:batch", "{\"records\":[{\"accountId\":\"nobody\",\"idempotencyKey\":\"d1\",\"accountId\":\"acme\",\"amount\":\"1\"}]}", 400, "malformed_request"),
                arguments("content after the JSON", "POST", USAGE, usage("\"amount\":\"1.00\"") + "xyz", 400, "malformed_request"),
                arguments("two JSON objects", "POST", USAGE, usage("\"amount\":\"1.00\"") + "{\"idempotencyKey\":\"second\",\"amount\":\"2.00\"}", 400, "malformed_request"),
                arguments("tokens as a numeric string", "POST", USAGE, usage("\"model\":\"gpt-4o\",\"inputTokens\":\"120000\""), 400, "validation_failed"),
                arguments("idempotency key as a number", "POST", USAGE, "{\"idempotencyKey\":12345,\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("account id as a number", "POST", "/v1/accounts", "{\"accountId\":42}", 400, "validation_failed"),
                arguments("amount with an exponent", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"1e3\"}", 400, "validation_failed"),
                arguments("amount with a space", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\" 10.00\"}", 400, "validation_failed"),
                arguments("amount as a JSON number", "POST", USAGE, usage("\"amount\":1.00"), 400, "validation_failed"),
                arguments("refund all as text", "POST", REFUND, "{\"refundId\":\"r1\",\"topUpId\":\"t1\",\"all\":\"true\"}", 400, "validation_failed"),
                arguments("price as a JSON number", "PUT", "/v1/rate-cards/v2", "{\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"models\":{\"m\":{\"input\":1,\"output\":\"1\"}}}", 400, "validation_failed"),
                // deny by default: a request no endpoint rule lists is refused before it is routed
                arguments("wrong method", "DELETE", USAGE, null, 403, "forbidden"),
                arguments("unknown path", "POST", "/v1/nothing-here", "{}", 403, "forbidden"));
    }

    private static String usage(String fields) {
        return "{\"idempotencyKey\":\"bad-input\"," + fields + "}";
    }

    @ParameterizedTest(name = "{0} → {4} {5}")
    @MethodSource("badRequests")
    void isRefusedWithItsCodeAndChangesNothing(String name, String method, String path, String body,
                                               int status, String code) {
        long events = new StoredEvents(jdbc).count();
        long receipts = jdbc.queryForObject("SELECT count(*) FROM usage_receipt", Long.class);

        LedgerClient.Response response = ledger.send(method, path, body, "application/json");

        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(new StoredEvents(jdbc).count()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM usage_receipt", Long.class)).isEqualTo(receipts);
    }
}
