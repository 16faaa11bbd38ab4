package com.creditledger.testsupport;

import com.creditledger.platform.security.ApiKeys;
import com.creditledger.platform.security.EndpointRule;
import com.creditledger.platform.security.Role;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix of a service, generated from its one table of endpoint rules: every endpoint ×
 * every role is allowed or 403, and 401 without a key. Every endpoint the service maps must have a
 * rule, so a new endpoint without one fails the build.
 */
public final class EndpointMatrix {

    /** The account a customer key of the matrix is bound to; paths name it, so customers are allowed where rules say. */
    public static final String CUSTOMER_ACCOUNT = "cust-a";

    private EndpointMatrix() {
    }

    /** "GET /v1/…" for every handler method the service maps (not the error page, nor springdoc's own). */
    public static Set<String> mappedEndpoints(RequestMappingHandlerMapping mapping) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (var method : info.getMethodsCondition().getMethods()) {
                for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                    if (!pattern.equals("/error") && !pattern.startsWith("/v3/api-docs") && !pattern.startsWith("/swagger-ui")) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    public static void assertEveryEndpointHasARule(RequestMappingHandlerMapping mapping, List<EndpointRule> rules) {
        Set<String> ruled = new TreeSet<>();
        rules.forEach(rule -> ruled.add(rule.method().name() + " " + rule.pattern()));
        assertThat(ruled).as("every endpoint declares who may call it").containsAll(mappedEndpoints(mapping));
    }

    /**
     * The service's OpenAPI document, open without a key, describes every mapped endpoint: its
     * operation, the roles that may call it and the problem answers of a refusal.
     */
    public static void assertEveryEndpointDescribed(LedgerClient anyone, RequestMappingHandlerMapping mapping) {
        LedgerClient.Response described = anyone.get("/v3/api-docs");
        assertThat(described.status()).as(described.raw()).isEqualTo(200);
        assertThat(described.body().at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(anyone.get("/swagger-ui/index.html").status()).as("Swagger UI opens without a key").isEqualTo(200);
        for (String endpoint : mappedEndpoints(mapping)) {
            String[] methodAndPath = endpoint.split(" ", 2);
            var operation = described.body().path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
            assertThat(operation.isObject()).as(endpoint + " is described").isTrue();
            assertThat(operation.path("x-roles")).as(endpoint + " names its roles").isNotEmpty();
            assertThat(operation.path("responses").has("401") && operation.path("responses").has("403"))
                    .as(endpoint + " answers refusals").isTrue();
        }
    }

    public static List<DynamicTest> cases(LedgerClient service, ApiKeys keys, List<EndpointRule> rules) {
        Map<Role, LedgerClient> callers = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String account = role == Role.CUSTOMER ? CUSTOMER_ACCOUNT : null;
            callers.put(role, service.withKey(keys.create(role, account, "matrix " + role, "test").token()));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (EndpointRule rule : rules) {
            String path = concrete(rule.pattern());
            String body = rule.method().name().equals("GET") || rule.method().name().equals("DELETE") ? null : "{}";
            tests.add(DynamicTest.dynamicTest(rule.method() + " " + rule.pattern() + " without a key → 401", () ->
                    assertThat(service.withKey(null).send(rule.method().name(), path, body, "application/json").status())
                            .isEqualTo(401)));
            for (Role role : Role.values()) {
                boolean allowed = rule.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(rule.method() + " " + rule.pattern() + " as " + role + " → "
                        + (allowed ? "allowed" : "403"), () -> {
                    LedgerClient.Response response = callers.get(role).send(rule.method().name(), path, body, "application/json");
                    if (allowed) {
                        assertThat(response.status()).as(response.raw()).isNotIn(401, 403);
                    } else {
                        assertThat(response.status()).as(response.raw()).isEqualTo(403);
                        assertThat(response.text("code")).isEqualTo("forbidden");
                    }
                }));
            }
        }
        return tests;
    }

    /** The customer's own account in every path variable and as the {@code accountId} parameter. */
    private static String concrete(String pattern) {
        return pattern.replace("{accountId}", CUSTOMER_ACCOUNT)
                .replace("{invoiceId}", CUSTOMER_ACCOUNT + ":2025-01")
                .replaceAll("\\{[^}]+}", "x-1") + "?accountId=" + CUSTOMER_ACCOUNT;
    }
}
