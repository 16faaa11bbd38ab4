package com.creditledger.command.period;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The report of a period as the query side publishes it, read when the period closes: the query side
 * owns the reports, and the close records the digest of exactly what it serves. It is asked to answer
 * only once its projections have processed {@code position}, the store's last event before the close.
 * The caller's own key is passed on, so a key that may not read reports cannot close through this.
 */
@Component
class PublishedReports {

    record Published(String digest, String firstPosted) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final URI querySide;
    private final Duration timeout;

    PublishedReports(ObjectMapper json, @Value("${ledger.query-side.url:http://localhost:8081}") URI querySide,
                     @Value("${ledger.query-side.timeout:PT30S}") Duration timeout) {
        this.json = json;
        this.querySide = querySide;
        this.timeout = timeout;
    }

    Published of(String period, long position, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(querySide.resolve("/v1/periods/" + period + "/report?waitFor=" + position))
                .timeout(timeout).header("Authorization", authorization).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw unavailable("the query side answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode report = json.readTree(response.body());
            return new Published(report.path("digest").asText(), report.path("firstPosted").textValue());
        } catch (IOException e) {
            throw unavailable("the query side at " + querySide + " could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while reading the query side");
        }
    }

    private static LedgerRejection unavailable(String detail) {
        return new LedgerRejection(RejectionCode.REPORT_UNAVAILABLE, null,
                "the period's report could not be read, nothing was closed: " + detail);
    }
}
