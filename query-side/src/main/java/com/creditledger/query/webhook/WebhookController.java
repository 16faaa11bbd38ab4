package com.creditledger.query.webhook;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** Webhook endpoints (admin) and a person's "send it again" (docs/operations.md, webhooks); reads in {@link WebhookLogController}. */
@RestController
class WebhookController {

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    record EndpointRequest(@NotNull @Size(max = 2048) String url,
                           @NotEmpty @Size(max = 20) List<@NotNull String> eventTypes,
                           @Size(max = 500) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
                           String description) {

        /** An absolute http(s) URL with a host: anything else could never be delivered to. */
        URI target() {
            try {
                URI uri = new URI(url);
                boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                if (web && uri.getHost() != null && uri.getUserInfo() == null && uri.getFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException malformed) {
                // answered below
            }
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "url",
                    "url must be an absolute http or https URL with a host, without user info or fragment");
        }

        List<String> types() {
            TreeSet<String> types = new TreeSet<>(eventTypes);
            for (String type : types) {
                if (WebhookType.named(type).isEmpty()) {
                    throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "eventTypes",
                            "unknown event type " + type + "; see docs/operations.md for the types");
                }
            }
            return List.copyOf(types);
        }
    }

    record CreatedEndpoint(String endpointId, String url, List<String> eventTypes, String description, String status,
                           Instant createdAt, String secret) {
    }

    @PostMapping("/v1/webhooks/endpoints")
    ResponseEntity<CreatedEndpoint> create(@Valid @RequestBody EndpointRequest request) {
        String url = request.target().toString();
        WebhookEndpoints.Created created = endpoints.create(url, request.types(), request.description());
        WebhookEndpoints.Endpoint endpoint = created.endpoint();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedEndpoint(endpoint.endpointId(), endpoint.url(),
                endpoint.eventTypes(), endpoint.description(), endpoint.status(), endpoint.createdAt(), created.secret()));
    }

    @DeleteMapping("/v1/webhooks/endpoints/{endpointId}")
    ResponseEntity<Void> delete(@PathVariable String endpointId) {
        endpoints.delete(endpointId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/webhooks/deliveries/{deliveryId}/retry")
    ResponseEntity<WebhookDeliveries.Delivery> retry(@PathVariable String deliveryId) {
        return ResponseEntity.accepted().body(deliveries.retry(deliveryId));
    }
}
