package com.creditledger.command.access;

import com.creditledger.platform.security.ApiKeySecurity;
import com.creditledger.platform.security.EndpointRule;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.creditledger.platform.security.EndpointRule.anyKey;
import static com.creditledger.platform.security.EndpointRule.rule;
import static com.creditledger.platform.security.Role.AUDITOR;
import static com.creditledger.platform.security.Role.CUSTOMER;
import static com.creditledger.platform.security.Role.FINANCE;
import static com.creditledger.platform.security.Role.INGEST;
import static com.creditledger.platform.security.Role.MONITOR;
import static com.creditledger.platform.security.Role.SUPPORT;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/** Every endpoint of the command side and who may call it (admins may call all). Unlisted means denied. */
@Component
class CommandSideEndpoints implements ApiKeySecurity.EndpointRules {

    @Override
    public List<EndpointRule> rules() {
        return List.of(
                anyKey(GET, "/v1/me"),
                rule(POST, "/v1/accounts", INGEST),
                rule(POST, "/v1/accounts/{accountId}/suspend", SUPPORT),
                rule(POST, "/v1/accounts/{accountId}/reactivate", SUPPORT),
                rule(POST, "/v1/accounts/{accountId}/close", SUPPORT),
                rule(POST, "/v1/accounts/{accountId}/top-ups", INGEST),
                rule(POST, "/v1/accounts/{accountId}/usage", INGEST),
                rule(POST, "/v1/usage:batch", INGEST),
                rule(POST, "/v1/events", INGEST),
                rule(POST, "/api/v1/events", INGEST),
                rule(GET, "/actuator/prometheus", MONITOR),
                rule(POST, "/v1/accounts/{accountId}/refunds", SUPPORT, FINANCE),
                rule(POST, "/v1/accounts/{accountId}/grants", SUPPORT, FINANCE),
                rule(PUT, "/v1/accounts/{accountId}/plan", FINANCE),
                rule(DELETE, "/v1/accounts/{accountId}/plan", FINANCE),
                rule(POST, "/v1/accounts/{accountId}/grants/{grantId}/approve", FINANCE),
                rule(POST, "/v1/accounts/{accountId}/refunds/{refundId}/approve", FINANCE),
                rule(POST, "/v1/accounts/{accountId}/refunds/{refundId}/reject", FINANCE),
                rule(POST, "/v1/accounts/{accountId}/refunds/{refundId}/cancel", SUPPORT, FINANCE),
                rule(GET, "/v1/accounts/{accountId}/spendable", INGEST, SUPPORT, FINANCE, AUDITOR, CUSTOMER),
                rule(PUT, "/v1/accounts/{accountId}/spend-limit", INGEST, SUPPORT, FINANCE),
                rule(PUT, "/v1/accounts/{accountId}/alerts", INGEST, SUPPORT, FINANCE),
                rule(PUT, "/v1/accounts/{accountId}/auto-recharge", INGEST, SUPPORT, FINANCE),
                rule(POST, "/v1/accounts/{accountId}/auto-recharge/{requestId}/failed", INGEST),
                rule(POST, "/v1/accounts/{accountId}/reservations", INGEST),
                rule(POST, "/v1/accounts/{accountId}/reservations/{reservationId}/extend", INGEST),
                rule(POST, "/v1/accounts/{accountId}/reservations/{reservationId}/capture", INGEST),
                rule(POST, "/v1/accounts/{accountId}/reservations/{reservationId}/release", INGEST),
                rule(PUT, "/v1/rate-cards/{version}"),
                rule(POST, "/v1/simulations", FINANCE),
                rule(POST, "/v1/invoices/{invoiceId}/issue", FINANCE),
                rule(POST, "/v1/invoices/{invoiceId}/payments", FINANCE),
                rule(POST, "/v1/periods/{period}/close", FINANCE),
                rule(POST, "/v1/periods/{period}/reopen", FINANCE),
                rule(POST, "/v1/periods/{period}/reopen/approve", FINANCE),
                rule(GET, "/v1/admin/clock", AUDITOR),
                rule(PUT, "/v1/admin/clock"),
                rule(GET, "/v1/admin/api-keys", AUDITOR),
                rule(POST, "/v1/admin/api-keys"),
                rule(DELETE, "/v1/admin/api-keys/{keyId}"));
    }
}
