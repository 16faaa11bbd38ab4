package com.creditledger.query.webhook;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Webhook endpoints as configured and the delivery log, each answer one snapshot. */
@ReadEndpoint
class WebhookLogController {

    private static final int MOST_DELIVERIES = 1000;
    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;

    WebhookLogController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @GetMapping("/v1/webhooks/endpoints")
    Map<String, List<WebhookEndpoints.Endpoint>> list() {
        return Map.of("endpoints", endpoints.all());
    }

    @GetMapping("/v1/webhooks/deliveries")
    Map<String, List<WebhookDeliveries.Delivery>> deliveries(@RequestParam(required = false) String endpointId,
                                                            @RequestParam(required = false) String status,
                                                            @RequestParam(required = false) String accountId,
                                                            @RequestParam(required = false) Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "status", "status is one of " + new TreeSet<>(STATUSES));
        }
        if (limit != null && (limit < 1 || limit > MOST_DELIVERIES)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "limit", "limit is 1 to " + MOST_DELIVERIES);
        }
        return Map.of("deliveries", deliveries.find(endpointId, status, accountId, limit == null ? 100 : limit));
    }
}
