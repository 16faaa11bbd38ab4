package com.creditledger.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a running service over real HTTP, as the gateway and finance tools do. */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bootstrap admin key the tests configure (src/test/resources/config/application.properties). */
    public static final String TEST_ADMIN_KEY = "test-admin-key";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String apiKey;

    public LedgerClient(int port) {
        this(port, TEST_ADMIN_KEY);
    }

    private LedgerClient(int port, String apiKey) {
        this.base = "http://localhost:" + port;
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }

    /** The same service, called with another API key (null: no key at all). */
    public LedgerClient withKey(String key) {
        return new LedgerClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), key);
    }

    public record Response(int status, JsonNode body, String raw, HttpResponse<String> http) {

        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public Response get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = isJson && !response.body().isEmpty() ? JSON.readTree(response.body()) : JSON.nullNode();
            return new Response(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response openAccount(String accountId) {
        return post("/v1/accounts", "{\"accountId\":\"" + accountId + "\"}");
    }

    public Response topUp(String accountId, String topUpId, String amount) {
        return post("/v1/accounts/" + accountId + "/top-ups",
                "{\"topUpId\":\"" + topUpId + "\",\"amount\":\"" + amount + "\"}");
    }

    public Response debit(String accountId, String idempotencyKey, String amount) {
        return post("/v1/accounts/" + accountId + "/usage",
                "{\"idempotencyKey\":\"" + idempotencyKey + "\",\"amount\":\"" + amount + "\"}");
    }

    public Response setClock(String instant) {
        return put("/v1/admin/clock", "{\"now\":\"" + instant + "\"}");
    }
}
