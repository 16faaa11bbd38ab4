package com.creditledger.command.http;

import com.creditledger.testsupport.LedgerClient;
import com.creditledger.testsupport.LedgerState;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
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
    private static final String HOLDS = "/v1/accounts/acme/reservations";

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
        assertThat(ledger.post(HOLDS, "{\"reservationId\":\"held-1\",\"amount\":\"1.00\"}").status()).isEqualTo(201);
        assertThat(ledger.post(HOLDS, "{\"reservationId\":\"released-1\",\"amount\":\"1.00\"}").status()).isEqualTo(201);
        assertThat(ledger.post(HOLDS + "/released-1/release", null).status()).isEqualTo(200);
        assertThat(ledger.post(HOLDS, "{\"reservationId\":\"expired-1\",\"amount\":\"1.00\",\"expiresIn\":\"PT1M\"}")
                .status()).isEqualTo(201);
        assertThat(ledger.setClock("2025-06-01T00:05:00Z").body().path("holdsExpired").asInt()).isEqualTo(1);
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
                arguments("a debit to an account id of 65 characters", "POST", "/v1/accounts/" + "a".repeat(65) + "/usage",
                        usage("\"amount\":\"1.00\""), 400, "validation_failed"),
                arguments("a debit to an account id with a character ids never have", "POST", "/v1/accounts/ac!me/usage",
                        usage("\"amount\":\"1.00\""), 400, "validation_failed"),
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
                // ids: only what a URL path carries unescaped, so every id can be traced later
                arguments("idempotency key with a slash", "POST", USAGE, "{\"idempotencyKey\":\"a/b\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("idempotency key with a space", "POST", USAGE, "{\"idempotencyKey\":\"a b\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("idempotency key with a percent sign", "POST", USAGE, "{\"idempotencyKey\":\"a%2Fb\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("idempotency key of 129 characters", "POST", USAGE, "{\"idempotencyKey\":\"" + "k".repeat(129) + "\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("empty idempotency key", "POST", USAGE, "{\"idempotencyKey\":\"\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("idempotency key beyond ASCII", "POST", USAGE, "{\"idempotencyKey\":\"caf\u00e9\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("top-up id with a slash", "POST", TOP_UP, "{\"topUpId\":\"t/9\",\"amount\":\"10.00\"}", 400, "validation_failed"),
                arguments("top-up id of 65 characters", "POST", TOP_UP, "{\"topUpId\":\"" + "t".repeat(65) + "\",\"amount\":\"10.00\"}", 400, "validation_failed"),
                arguments("refund id with a question mark", "POST", REFUND, "{\"refundId\":\"r?1\",\"topUpId\":\"t1\",\"all\":true}", 400, "validation_failed"),
                arguments("account id of 65 characters", "POST", "/v1/accounts", "{\"accountId\":\"" + "a".repeat(65) + "\"}", 400, "validation_failed"),
                arguments("request id with a line break", "POST", USAGE, usage("\"amount\":\"1.00\",\"requestId\":\"r1\\nr2\""), 400, "validation_failed"),
                arguments("model with a control character", "POST", USAGE, usage("\"model\":\"gpt-4o\\u0007\",\"inputTokens\":10"), 400, "validation_failed"),
                arguments("rate card version with a space", "PUT", "/v1/rate-cards/v%202", "{\"effectiveFrom\":\"2025-01-01T00:00:00Z\",\"models\":{\"m\":{\"input\":\"1\",\"output\":\"1\"}}}", 400, "validation_failed"),
                // business time before the account existed is no missing credit
                arguments("usage in 1970", "POST", USAGE, usage("\"amount\":\"1.00\",\"occurredAt\":\"1970-01-01T00:00:00Z\""), 422, "before_account_opened"),
                arguments("usage before the first top-up and the opening", "POST", USAGE, usage("\"amount\":\"1.00\",\"occurredAt\":\"2025-05-31T23:59:59Z\""), 422, "before_account_opened"),
                arguments("time as an epoch number", "POST", USAGE, usage("\"amount\":\"1.00\",\"occurredAt\":1748736000"), 400, "validation_failed"),
                arguments("time without a zone", "POST", USAGE, usage("\"amount\":\"1.00\",\"occurredAt\":\"2025-06-01T10:00:00\""), 400, "validation_failed"),
                // more shapes that mean nothing
                arguments("priority as text", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"10.00\",\"priority\":\"1\"}", 400, "validation_failed"),
                arguments("priority beyond its range", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"10.00\",\"priority\":5000}", 400, "validation_failed"),
                arguments("zero top-up", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"0.00\"}", 400, "validation_failed"),
                arguments("empty amount", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"\"}", 400, "validation_failed"),
                arguments("null amount", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":null}", 400, "validation_failed"),
                arguments("amount with a plus sign", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"+10.00\"}", 400, "validation_failed"),
                arguments("amount with a comma", "POST", TOP_UP, "{\"topUpId\":\"t9\",\"amount\":\"1,000.00\"}", 400, "validation_failed"),
                arguments("a JSON array for a body", "POST", USAGE, "[" + usage("\"amount\":\"1.00\"") + "]", 400, "malformed_request"),
                arguments("a JSON null for a body", "POST", USAGE, "null", 400, "malformed_request"),
                arguments("terms given twice", "POST", "/v1/accounts", "{\"accountId\":\"x1\",\"creditTerms\":{\"principalValidity\":\"P1M\",\"principalValidity\":\"P99Y\"}}", 400, "malformed_request"),
                arguments("unknown property inside terms", "POST", "/v1/accounts", "{\"accountId\":\"x1\",\"creditTerms\":{\"validity\":\"P1M\"}}", 400, "validation_failed"),
                arguments("billing mode that does not exist", "POST", "/v1/accounts", "{\"accountId\":\"x1\",\"billingMode\":\"PREPAYED\"}", 400, "validation_failed"),
                arguments("records that are not a list", "POST", "/v1/usage:batch", "{\"records\":{}}", 400, "validation_failed"),
                arguments("XML", "POST", USAGE, "<usage/>", 400, "malformed_request"),
                arguments("a parameter given twice", "POST", "/v1/accounts?accountId=a&accountId=b", "{\"accountId\":\"x1\"}", 400, "validation_failed"),
                // refunds that are not waiting for a decision
                arguments("approval of an unknown refund", "POST", REFUND + "/r404/approve", null, 404, "refund_not_pending"),
                arguments("rejection of an unknown refund", "POST", REFUND + "/r404/reject", "{\"reason\":\"no\"}", 404, "refund_not_pending"),
                arguments("cancellation of an unknown refund", "POST", REFUND + "/r404/cancel", null, 404, "refund_not_pending"),
                // holds and the spend limit
                arguments("capture of an unknown reservation", "POST", HOLDS + "/nope/capture", "{\"idempotencyKey\":\"c1\",\"amount\":\"1.00\"}", 404, "reservation_not_found"),
                arguments("capture after release", "POST", HOLDS + "/released-1/capture", "{\"idempotencyKey\":\"c1\",\"amount\":\"1.00\"}", 409, "reservation_not_open"),
                arguments("extension after expiry", "POST", HOLDS + "/expired-1/extend", "{\"amount\":\"1.00\"}", 409, "reservation_not_open"),
                arguments("release of an unknown reservation", "POST", HOLDS + "/nope/release", null, 404, "reservation_not_found"),
                arguments("release of a hold that expired", "POST", HOLDS + "/expired-1/release", null, 409, "reservation_not_open"),
                arguments("negative maxOutputTokens", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"model\":\"gpt-4o\",\"inputTokens\":10,\"maxOutputTokens\":-1}", 400, "validation_failed"),
                arguments("absurd maxOutputTokens", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"model\":\"gpt-4o\",\"inputTokens\":10,\"maxOutputTokens\":10000000000000}", 400, "validation_failed"),
                arguments("maxOutputTokens as text", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"model\":\"gpt-4o\",\"maxOutputTokens\":\"4000\"}", 400, "validation_failed"),
                arguments("a hold over a day", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"amount\":\"1.00\",\"expiresIn\":\"PT24H1S\"}", 400, "validation_failed"),
                arguments("a hold of no time", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"amount\":\"1.00\",\"expiresIn\":\"PT0S\"}", 400, "validation_failed"),
                arguments("a hold duration in seconds", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"amount\":\"1.00\",\"expiresIn\":600}", 400, "validation_failed"),
                arguments("a reservation id reused for another hold", "POST", HOLDS, "{\"reservationId\":\"held-1\",\"amount\":\"2.00\"}", 409, "idempotency_conflict"),
                arguments("a hold of an unknown model", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"model\":\"gpt-99\",\"maxOutputTokens\":10}", 422, "unknown_model"),
                arguments("a hold beyond all credit", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"amount\":\"1000.00\"}", 402, "insufficient_credit"),
                arguments("a hold with both an amount and tokens", "POST", HOLDS, "{\"reservationId\":\"r-x\",\"amount\":\"1.00\",\"model\":\"gpt-4o\",\"maxOutputTokens\":10}", 400, "validation_failed"),
                arguments("a reservation id with a slash", "POST", HOLDS, "{\"reservationId\":\"r/x\",\"amount\":\"1.00\"}", 400, "validation_failed"),
                arguments("an extension by both an amount and tokens", "POST", HOLDS + "/held-1/extend", "{\"amount\":\"1.00\",\"maxOutputTokens\":10}", 400, "validation_failed"),
                arguments("an extension by tokens of a hold of an amount", "POST", HOLDS + "/held-1/extend", "{\"maxOutputTokens\":10}", 400, "validation_failed"),
                arguments("a spend limit with 20 decimals", "PUT", "/v1/accounts/acme/spend-limit", "{\"monthly\":\"1.00000000000000000001\"}", 400, "validation_failed"),
                arguments("a spend limit as a number", "PUT", "/v1/accounts/acme/spend-limit", "{\"monthly\":10}", 400, "validation_failed"),
                arguments("a negative spend limit", "PUT", "/v1/accounts/acme/spend-limit", "{\"monthly\":\"-1.00\"}", 400, "validation_failed"),
                arguments("a spend limit of an unknown account", "PUT", "/v1/accounts/nobody/spend-limit", "{\"monthly\":\"1.00\"}", 404, "account_not_found"),
                arguments("spendable of an unknown account", "GET", "/v1/accounts/nobody/spendable", null, 404, "account_not_found"),
                // alert rules
                arguments("a balance threshold as a number", "PUT", "/v1/accounts/acme/alerts", "{\"balanceBelow\":[100]}", 400, "validation_failed"),
                arguments("a negative balance threshold", "PUT", "/v1/accounts/acme/alerts", "{\"balanceBelow\":[\"-1.00\"]}", 400, "validation_failed"),
                arguments("a spend percent as text", "PUT", "/v1/accounts/acme/alerts", "{\"spendPercent\":[\"50\"]}", 400, "validation_failed"),
                arguments("a spend percent of zero", "PUT", "/v1/accounts/acme/alerts", "{\"spendPercent\":[0]}", 400, "validation_failed"),
                arguments("a notice zero days ahead", "PUT", "/v1/accounts/acme/alerts", "{\"expiryNoticeDays\":[0]}", 400, "validation_failed"),
                arguments("twenty-one thresholds", "PUT", "/v1/accounts/acme/alerts", "{\"spendPercent\":[" + IntStream.rangeClosed(1, 21).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}", 400, "validation_failed"),
                arguments("a null threshold", "PUT", "/v1/accounts/acme/alerts", "{\"balanceBelow\":[null]}", 400, "validation_failed"),
                arguments("alerts of an unknown account", "PUT", "/v1/accounts/nobody/alerts", "{}", 404, "account_not_found"),
                arguments("a threshold with twenty decimals", "PUT", "/v1/accounts/acme/alerts", "{\"balanceBelow\":[\"1.00000000000000000001\"]}", 400, "validation_failed"),
                arguments("auto-recharge without amount or target", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\"}", 400, "validation_failed"),
                arguments("auto-recharge with amount and target", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":\"50.00\",\"rechargeTo\":\"100.00\"}", 400, "validation_failed"),
                arguments("a recharge target at the threshold", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"rechargeTo\":\"10.00\"}", 400, "validation_failed"),
                arguments("a negative recharge threshold", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"-1.00\",\"amount\":\"50.00\"}", 400, "validation_failed"),
                arguments("a recharge threshold with twenty decimals", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"1.00000000000000000001\",\"amount\":\"50.00\"}", 400, "validation_failed"),
                arguments("a recharge amount of a tenth of a cent", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":\"50.001\"}", 400, "validation_failed"),
                arguments("a recharge amount as a number", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":50}", 400, "validation_failed"),
                arguments("maxFailures zero", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":\"50.00\",\"maxFailures\":0}", 400, "validation_failed"),
                arguments("a cooldown as seconds", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":\"50.00\",\"cooldown\":60}", 400, "validation_failed"),
                arguments("a negative cooldown", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":\"50.00\",\"cooldown\":\"-PT1M\"}", 400, "validation_failed"),
                arguments("enabled as text", "PUT", "/v1/accounts/acme/auto-recharge", "{\"enabled\":\"true\",\"threshold\":\"10.00\",\"amount\":\"50.00\"}", 400, "validation_failed"),
                arguments("auto-recharge of an unknown account", "PUT", "/v1/accounts/nobody/auto-recharge", "{\"enabled\":true,\"threshold\":\"10.00\",\"amount\":\"50.00\"}", 404, "account_not_found"),
                arguments("a failure of a request never made", "POST", "/v1/accounts/acme/auto-recharge/acme-recharge-99/failed", "{\"reason\":\"declined\"}", 404, "recharge_not_found"),
                arguments("a failure without a reason", "POST", "/v1/accounts/acme/auto-recharge/acme-recharge-99/failed", "{}", 400, "validation_failed"),
                arguments("a top-up answering a request never made", "POST", "/v1/accounts/acme/top-ups", "{\"topUpId\":\"ar-1\",\"amount\":\"10.00\",\"autoRechargeRequestId\":\"acme-recharge-99\"}", 404, "recharge_not_found"),
                // what Tomcat and Spring Security's firewall refuse before any controller runs
                arguments("an encoded slash in the path", "POST", "/v1/accounts/ac%2Fme/usage", usage("\"amount\":\"1.00\""), 400, "malformed_request"),
                arguments("an encoded NUL in the path", "POST", "/v1/accounts/ac%00me/usage", usage("\"amount\":\"1.00\""), 400, "malformed_request"),
                arguments("a double slash", "POST", "//v1/accounts/acme/usage", usage("\"amount\":\"1.00\""), 400, "malformed_request"),
                arguments("a semicolon in the path", "POST", "/v1/accounts/acme;x=1/usage", usage("\"amount\":\"1.00\""), 400, "malformed_request"),
                arguments("an encoded dot segment", "POST", "/v1/accounts/%2e%2e/usage", usage("\"amount\":\"1.00\""), 400, "malformed_request"),
                // deny by default: a request no endpoint rule lists is refused before it is routed
                arguments("wrong method", "DELETE", USAGE, null, 405, "method_not_allowed"),
                arguments("reading what only takes writes", "GET", USAGE, null, 405, "method_not_allowed"),
                arguments("replacing an account", "PUT", "/v1/accounts", "{}", 405, "method_not_allowed"),
                arguments("unknown path", "POST", "/v1/nothing-here", "{}", 404, "not_found"),
                arguments("unknown version prefix", "POST", "/v2/accounts", "{}", 404, "not_found"),
                arguments("the query side's path on the command side", "GET", "/v1/accounts/acme/balance", null, 404, "not_found"));
    }

    private static String usage(String fields) {
        return "{\"idempotencyKey\":\"bad-input\"," + fields + "}";
    }

    @ParameterizedTest(name = "{0} → {4} {5}")
    @MethodSource("badRequests")
    void isRefusedWithItsCodeAndChangesNothing(String name, String method, String path, String body,
                                               int status, String code) {
        Map<String, String> before = LedgerState.of(jdbc);

        LedgerClient.Response response = ledger.send(method, path, body, "application/json");

        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.raw()).doesNotContain("com.creditledger", "java.", "Exception");
        assertThat(LedgerState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void headersBeyondTheServersLimitAreAProblemToo() throws Exception {
        Map<String, String> before = LedgerState.of(jdbc);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + USAGE))
                .header("Authorization", "Bearer " + "k".repeat(20_000))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(usage("\"amount\":\"1.00\""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"malformed_request\"");
        assertThat(LedgerState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aPlainTextBodyIsAnUnsupportedMediaType() {
        LedgerClient.Response response = ledger.send("POST", USAGE, usage("\"amount\":\"1.00\""), "text/plain");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.text("code")).isEqualTo("unsupported_media_type");
    }
}
