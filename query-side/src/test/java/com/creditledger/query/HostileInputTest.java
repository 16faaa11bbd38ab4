package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.creditledger.testsupport.LedgerState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile and careless requests against both services of one ledger: each is refused with its
 * status and stable code as problem+json, names no server internals, and leaves the event store
 * and every projection exactly as they were. (The command side's own table is
 * {@code BadInputIntegrationTest}; this one covers reads, keys and roles, and the query side.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.application.name=HostileInputTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class HostileInputTest extends LedgerScenario {

    private static final String Q = "query";
    private static final String C = "command";

    private final Map<String, LedgerClient> as = new java.util.HashMap<>();

    @BeforeAll
    void aLedgerWithTwoCustomers() {
        startCommandSide();
        LedgerClient admin = commands;
        assertThat(admin.openAccount("acme").status()).isEqualTo(201);
        assertThat(admin.openAccount("globex").status()).isEqualTo(201);
        assertThat(admin.topUp("acme", "t1", "999.00").status()).isEqualTo(201);
        long position = admin.debit("acme", "call-1", "1.00").body().path("position").asLong();
        LedgerClient query = new LedgerClient(port).withKey(admin.apiKey());
        assertThat(query.get("/v1/accounts/acme/balance?waitFor=" + position).status()).isEqualTo(200);
        for (String role : new String[]{"INGEST", "SUPPORT", "FINANCE", "AUDITOR"}) {
            as.put(role, key(admin, "{\"role\":\"" + role + "\"}"));
        }
        as.put("CUSTOMER", key(admin, "{\"role\":\"CUSTOMER\",\"accountId\":\"globex\"}"));
        as.put("ADMIN", admin);
        as.put("NOBODY", admin.withKey(null));
        as.put("FORGED", admin.withKey("forged-key"));
    }

    private static LedgerClient key(LedgerClient admin, String body) {
        LedgerClient.Response created = admin.post("/v1/admin/api-keys", body);
        assertThat(created.status()).isEqualTo(201);
        return admin.withKey(created.text("token"));
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                // who: no key, a forged key, the wrong role, another customer's account
                arguments("no key reads a balance", Q, "NOBODY", "GET", "/v1/accounts/acme/balance", 401, "unauthenticated"),
                arguments("no key writes usage", C, "NOBODY", "POST", "/v1/accounts/acme/usage", 401, "unauthenticated"),
                arguments("a forged key reads a report", Q, "FORGED", "GET", "/v1/reports/lots", 401, "unauthenticated"),
                arguments("a forged key opens an account", C, "FORGED", "POST", "/v1/accounts", 401, "unauthenticated"),
                arguments("a customer reads another's balance", Q, "CUSTOMER", "GET", "/v1/accounts/acme/balance", 403, "forbidden"),
                arguments("a customer reads another's trace", Q, "CUSTOMER", "GET", "/v1/usage/acme/call-1/trace", 403, "forbidden"),
                arguments("a customer reads another's invoice", Q, "CUSTOMER", "GET", "/v1/invoices/acme:2025-06", 403, "forbidden"),
                arguments("a customer lists another's invoices", Q, "CUSTOMER", "GET", "/v1/invoices?accountId=acme", 403, "forbidden"),
                arguments("a customer smuggles a second account", Q, "CUSTOMER", "GET", "/v1/invoices?accountId=globex&accountId=acme", 400, "validation_failed"),
                arguments("a customer reads the journal", Q, "CUSTOMER", "GET", "/v1/reports/journal?from=2025-01&to=2025-02", 403, "forbidden"),
                arguments("a customer reads history", Q, "CUSTOMER", "GET", "/v1/accounts/globex/history", 403, "forbidden"),
                arguments("a customer tops up", C, "CUSTOMER", "POST", "/v1/accounts/globex/top-ups", 403, "forbidden"),
                arguments("a customer records usage", C, "CUSTOMER", "POST", "/v1/accounts/globex/usage", 403, "forbidden"),
                arguments("the gateway reads the journal", Q, "INGEST", "GET", "/v1/reports/journal?from=2025-01&to=2025-02", 403, "forbidden"),
                arguments("the gateway verifies the chain", Q, "INGEST", "GET", "/v1/audit/verify", 403, "forbidden"),
                arguments("the gateway makes a key", C, "INGEST", "POST", "/v1/admin/api-keys", 403, "forbidden"),
                arguments("the gateway refunds", C, "INGEST", "POST", "/v1/accounts/acme/refunds", 403, "forbidden"),
                arguments("support approves a refund", C, "SUPPORT", "POST", "/v1/accounts/acme/refunds/r1/approve", 403, "forbidden"),
                arguments("support rejects a refund", C, "SUPPORT", "POST", "/v1/accounts/acme/refunds/r1/reject", 403, "forbidden"),
                arguments("support replays the projections", Q, "SUPPORT", "POST", "/v1/admin/projections/replay", 403, "forbidden"),
                arguments("support reads the reports", Q, "SUPPORT", "GET", "/v1/reports/trial-balance", 403, "forbidden"),
                arguments("finance moves the clock", C, "FINANCE", "PUT", "/v1/admin/clock", 403, "forbidden"),
                arguments("finance publishes a rate card", C, "FINANCE", "PUT", "/v1/rate-cards/v9", 403, "forbidden"),
                arguments("the auditor revokes a key", C, "AUDITOR", "DELETE", "/v1/admin/api-keys/k1", 403, "forbidden"),
                arguments("the auditor records usage", C, "AUDITOR", "POST", "/v1/accounts/acme/usage", 403, "forbidden"),
                arguments("the auditor replays the projections", Q, "AUDITOR", "POST", "/v1/admin/projections/replay", 403, "forbidden"),
                arguments("the auditor reads metrics of another kind", Q, "AUDITOR", "GET", "/actuator/env", 404, "not_found"),
                // the gateway guard's endpoints are the gateway's
                arguments("a customer lists another's holds", Q, "CUSTOMER", "GET", "/v1/accounts/acme/reservations", 403, "forbidden"),
                arguments("a customer reads another's spendable", C, "CUSTOMER", "GET", "/v1/accounts/acme/spendable", 403, "forbidden"),
                arguments("a customer takes a hold", C, "CUSTOMER", "POST", "/v1/accounts/globex/reservations", 403, "forbidden"),
                arguments("support captures a hold", C, "SUPPORT", "POST", "/v1/accounts/acme/reservations/r1/capture", 403, "forbidden"),
                arguments("the auditor sets a spend limit", C, "AUDITOR", "PUT", "/v1/accounts/acme/spend-limit", 403, "forbidden"),
                arguments("holds of an unknown status", Q, "SUPPORT", "GET", "/v1/accounts/acme/reservations?status=pending", 400, "validation_failed"),
                arguments("holds of an unknown account", Q, "SUPPORT", "GET", "/v1/accounts/nobody/reservations", 404, "account_not_found"),
                // what does not exist
                arguments("balance of an unknown account", Q, "SUPPORT", "GET", "/v1/accounts/nobody/balance", 404, "account_not_found"),
                arguments("history of an unknown account", Q, "SUPPORT", "GET", "/v1/accounts/nobody/history", 404, "account_not_found"),
                arguments("verification of an unknown account", Q, "AUDITOR", "GET", "/v1/audit/verify?accountId=nobody", 404, "not_found"),
                arguments("trace of an unknown key", Q, "SUPPORT", "GET", "/v1/usage/acme/never-called/trace", 404, "not_found"),
                arguments("trace in an unknown account", Q, "SUPPORT", "GET", "/v1/usage/nobody/call-1/trace", 404, "not_found"),
                arguments("an invoice that does not exist", Q, "FINANCE", "GET", "/v1/invoices/acme:2099-01", 404, "not_found"),
                arguments("an invoice id without a month", Q, "FINANCE", "GET", "/v1/invoices/acme", 400, "validation_failed"),
                arguments("an unknown path", Q, "ADMIN", "GET", "/v1/balances", 404, "not_found"),
                arguments("an unknown report", Q, "FINANCE", "GET", "/v1/reports/profit", 404, "not_found"),
                arguments("the command side's path on the query side", Q, "ADMIN", "POST", "/v1/accounts/acme/top-ups", 404, "not_found"),
                arguments("a query-side path with the command side's method", Q, "ADMIN", "POST", "/v1/accounts", 405, "method_not_allowed"),
                arguments("a path below a balance", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance/lots", 404, "not_found"),
                arguments("a wrong method on a balance", Q, "SUPPORT", "DELETE", "/v1/accounts/acme/balance", 405, "method_not_allowed"),
                arguments("a write to a report", Q, "FINANCE", "POST", "/v1/reports/lots", 405, "method_not_allowed"),
                arguments("a replay by GET", Q, "ADMIN", "GET", "/v1/admin/projections/replay", 405, "method_not_allowed"),
                // parameters
                arguments("asOf that is no time", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?asOf=yesterday", 400, "validation_failed"),
                arguments("asOf without a zone", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?asOf=2025-06-01T00:00:00", 400, "validation_failed"),
                arguments("asOf given twice", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?asOf=2025-06-01T00:00:00Z&asOf=2099-01-01T00:00:00Z", 400, "validation_failed"),
                arguments("waitFor below zero", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?waitFor=-1", 400, "validation_failed"),
                arguments("waitFor that is no number", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?waitFor=abc", 400, "validation_failed"),
                arguments("waitFor beyond a long", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?waitFor=99999999999999999999", 400, "validation_failed"),
                arguments("waitFor given twice", Q, "SUPPORT", "GET", "/v1/accounts/acme/balance?waitFor=1&waitFor=2", 400, "validation_failed"),
                arguments("history from after to", Q, "SUPPORT", "GET", "/v1/accounts/acme/history?from=2025-07-01T00:00:00Z&to=2025-06-01T00:00:00Z", 400, "validation_failed"),
                arguments("history from that is no time", Q, "SUPPORT", "GET", "/v1/accounts/acme/history?from=2025-13-01T00:00:00Z", 400, "validation_failed"),
                arguments("roll-forward from after to", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?from=2025-07&to=2025-06", 400, "validation_failed"),
                arguments("roll-forward without from", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?to=2025-06", 400, "validation_failed"),
                arguments("roll-forward month 13", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?from=2025-13&to=2025-14", 400, "validation_failed"),
                arguments("roll-forward over a thousand years", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?from=1000-01&to=2025-01", 400, "validation_failed"),
                arguments("roll-forward by week", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?from=2025-01&to=2025-02&granularity=week", 400, "validation_failed"),
                arguments("roll-forward as XML", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?from=2025-01&to=2025-02&format=xml", 400, "validation_failed"),
                arguments("roll-forward with a day for a month", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue?from=2025-01-01&to=2025-02", 400, "validation_failed"),
                arguments("journal from after to", Q, "FINANCE", "GET", "/v1/reports/journal?from=2025-07&to=2025-06", 400, "validation_failed"),
                arguments("journal without to", Q, "FINANCE", "GET", "/v1/reports/journal?from=2025-07", 400, "validation_failed"),
                arguments("lots asOf that is no time", Q, "FINANCE", "GET", "/v1/reports/lots?asOf=now", 400, "validation_failed"),
                arguments("trial balance asOf that is no time", Q, "FINANCE", "GET", "/v1/reports/trial-balance?asOf=2025", 400, "validation_failed"),
                arguments("a cell trace of an unknown column", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue/trace?period=2025-06&column=profit", 400, "validation_failed"),
                arguments("a cell trace of no period", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue/trace?period=June&column=usageRevenue", 400, "validation_failed"),
                arguments("a cell trace without a column", Q, "FINANCE", "GET", "/v1/reports/deferred-revenue/trace?period=2025-06", 400, "validation_failed"),
                arguments("invoices without an account", Q, "FINANCE", "GET", "/v1/invoices", 400, "validation_failed"),
                arguments("waterfall as XML", Q, "FINANCE", "GET", "/v1/reports/revenue-waterfall?format=xml", 400, "validation_failed"),
                arguments("reconciliation with two accounts", Q, "AUDITOR", "GET", "/v1/admin/reconciliation?accountId=acme&accountId=globex", 400, "validation_failed"),
                // webhooks
                arguments("support creates a webhook endpoint", Q, "SUPPORT", "POST", "/v1/webhooks/endpoints", 403, "forbidden"),
                arguments("a customer reads deliveries", Q, "CUSTOMER", "GET", "/v1/webhooks/deliveries", 403, "forbidden"),
                arguments("an endpoint without url or types", Q, "ADMIN", "POST", "/v1/webhooks/endpoints", 400, "validation_failed"),
                arguments("deleting an unknown endpoint", Q, "ADMIN", "DELETE", "/v1/webhooks/endpoints/ep_nothing", 404, "endpoint_not_found"),
                arguments("retrying an unknown delivery", Q, "SUPPORT", "POST", "/v1/webhooks/deliveries/msg_nothing/retry", 404, "delivery_not_found"),
                arguments("deliveries of an unknown status", Q, "SUPPORT", "GET", "/v1/webhooks/deliveries?status=lost", 400, "validation_failed"),
                arguments("a thousand and one deliveries", Q, "SUPPORT", "GET", "/v1/webhooks/deliveries?limit=1001", 400, "validation_failed"),
                arguments("deliveries of two accounts", Q, "SUPPORT", "GET", "/v1/webhooks/deliveries?accountId=acme&accountId=globex", 400, "validation_failed"),
                // paths Tomcat and the firewall refuse before any controller runs
                arguments("an encoded slash in a trace key", Q, "SUPPORT", "GET", "/v1/usage/acme/a%2Fb/trace", 400, "malformed_request"),
                arguments("an encoded NUL in an account", Q, "SUPPORT", "GET", "/v1/accounts/ac%00me/balance", 400, "malformed_request"),
                arguments("a double slash on the query side", Q, "SUPPORT", "GET", "//v1/accounts/acme/balance", 400, "malformed_request"),
                arguments("a semicolon on the query side", Q, "SUPPORT", "GET", "/v1/accounts/acme;v=1/balance", 400, "malformed_request"),
                arguments("an encoded backslash", Q, "SUPPORT", "GET", "/v1/accounts/acme%5C/balance", 400, "malformed_request"),
                arguments("an encoded percent sign", Q, "SUPPORT", "GET", "/v1/accounts/acme%25/balance", 400, "malformed_request"),
                // the command side, by role and path
                arguments("a key without a role", C, "ADMIN", "POST", "/v1/admin/api-keys", 400, "validation_failed"),
                arguments("revoking a key that does not exist", C, "ADMIN", "DELETE", "/v1/admin/api-keys/no-such-key", 404, "not_found"),
                arguments("an unknown admin path", C, "ADMIN", "GET", "/v1/admin/users", 404, "not_found"),
                arguments("the clock by POST", C, "ADMIN", "POST", "/v1/admin/clock", 405, "method_not_allowed"));
    }

    static Stream<Arguments> badWebhookEndpoints() {
        return Stream.of(
                arguments("a URL that is not http(s)", "{\"url\":\"ftp://127.0.0.1/x\",\"eventTypes\":[\"balance.low\"]}"),
                arguments("a relative URL", "{\"url\":\"/hooks\",\"eventTypes\":[\"balance.low\"]}"),
                arguments("a URL with a password", "{\"url\":\"http://u:p@127.0.0.1/x\",\"eventTypes\":[\"balance.low\"]}"),
                arguments("a URL that is no URL", "{\"url\":\"http://exa mple.com\",\"eventTypes\":[\"balance.low\"]}"),
                arguments("a URL as a number", "{\"url\":1,\"eventTypes\":[\"balance.low\"]}"),
                arguments("an unknown event type", "{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[\"balance.lowish\"]}"),
                arguments("no event types", "{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[]}"),
                arguments("event types as one string", "{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":\"balance.low\"}"),
                arguments("a duplicate key", "{\"url\":\"http://127.0.0.1/x\",\"url\":\"http://127.0.0.1/y\",\"eventTypes\":[\"balance.low\"]}"),
                arguments("an unknown field", "{\"url\":\"http://127.0.0.1/x\",\"eventTypes\":[\"balance.low\"],\"secret\":\"mine\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWebhookEndpoints")
    void aBadWebhookEndpointIsRefusedAndChangesNothing(String name, String body) {
        Map<String, String> before = LedgerState.of(jdbc);
        LedgerClient.Response response = new LedgerClient(port).withKey(as.get("ADMIN").apiKey())
                .post("/v1/webhooks/endpoints", body);
        assertThat(response.status()).as(response.raw()).isBetween(400, 499);
        assertThat(response.text("code")).isIn("validation_failed", "malformed_request");
        assertThat(LedgerState.of(jdbc)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} → {5} {6}")
    @MethodSource("hostileRequests")
    void isRefusedWithItsCodeAndChangesNothing(String name, String service, String caller, String method, String path,
                                               int status, String code) {
        Map<String, String> before = LedgerState.of(jdbc);
        LedgerClient client = as.get(caller);
        LedgerClient target = service.equals(Q) ? new LedgerClient(port).withKey(client.apiKey()) : client;

        LedgerClient.Response response = target.send(method, path, method.equals("GET") || method.equals("DELETE")
                ? null : "{}", "application/json");

        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.raw()).doesNotContain("com.creditledger", "java.", "Exception", "<html");
        assertThat(LedgerState.of(jdbc)).isEqualTo(before);
    }
}
