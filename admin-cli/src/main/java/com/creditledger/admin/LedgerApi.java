package com.creditledger.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** The two services' HTTP APIs, with one key; answers as JSON, refusals and failures as exceptions. */
final class LedgerApi {

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String commandUrl;
    private final String queryUrl;
    private final String key;

    private LedgerApi(String commandUrl, String queryUrl, String key) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.key = key;
    }

    static LedgerApi connect(Arguments arguments, Map<String, String> env) {
        String key = arguments.has("key") ? arguments.option("key") : env.get("LEDGER_API_KEY");
        if (key == null && env.get("LEDGER_KEY_FILE") != null && Files.isReadable(Path.of(env.get("LEDGER_KEY_FILE")))) {
            try {
                key = Files.readString(Path.of(env.get("LEDGER_KEY_FILE"))).trim();
            } catch (IOException e) {
                throw new Unreachable("cannot read the key file: " + e.getMessage());
            }
        }
        if (key == null || key.isBlank()) {
            throw new Arguments.Wrong("no API key: --key=…, LEDGER_API_KEY or LEDGER_KEY_FILE");
        }
        return new LedgerApi(url(arguments, env, "command-url", "LEDGER_COMMAND_URL", "http://localhost:8080"),
                url(arguments, env, "query-url", "LEDGER_QUERY_URL", "http://localhost:8081"), key);
    }

    private static String url(Arguments arguments, Map<String, String> env, String option, String variable, String otherwise) {
        String url = arguments.has(option) ? arguments.option(option) : env.getOrDefault(variable, otherwise);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    JsonNode command(String method, String path, String body) {
        return read(send(method, commandUrl + path, body));
    }

    JsonNode query(String path) {
        return read(send("GET", queryUrl + path, null));
    }

    JsonNode queryPost(String path) {
        return read(send("POST", queryUrl + path, ""));
    }

    /** A query-side answer as text (CSV). */
    String queryText(String path) {
        return send("GET", queryUrl + path, null);
    }

    static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream().filter(p -> p.getValue() != null)
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static JsonNode read(String json) {
        try {
            return json.isEmpty() ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new Unreachable("the ledger answered something that is not JSON: " + e.getMessage());
        }
    }

    private String send(String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Unreachable("no ledger at " + URI.create(url).resolve("/") + " (is it running?)");
        } catch (IOException e) {
            throw new Unreachable(method + " " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
        if (response.statusCode() >= 500) {
            throw new Unreachable(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        if (response.statusCode() >= 400) {
            JsonNode problem = read(response.body());
            throw new Refused(response.statusCode() + " " + problem.path("code").asText() + ": " + problem.path("detail").asText());
        }
        return response.body();
    }
}
