package com.creditledger.query.access;

import com.creditledger.platform.security.ApiKeySecurity;
import com.creditledger.platform.security.EndpointRule;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.creditledger.platform.security.EndpointRule.anyKey;
import static com.creditledger.platform.security.EndpointRule.rule;
import static com.creditledger.platform.security.Role.AUDITOR;
import static com.creditledger.platform.security.Role.CUSTOMER;
import static com.creditledger.platform.security.Role.FINANCE;
import static com.creditledger.platform.security.Role.MONITOR;
import static com.creditledger.platform.security.Role.SUPPORT;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Every endpoint of the query side and who may call it (admins may call all). A customer key reaches
 * only endpoints naming its own account; reports and exports are finance's and auditors'.
 */
@Component
class QuerySideEndpoints implements ApiKeySecurity.EndpointRules {

    @Override
    public List<EndpointRule> rules() {
        return List.of(
                anyKey(GET, "/v1/me"),
                rule(GET, "/v1/accounts", SUPPORT, FINANCE, AUDITOR),
                rule(GET, "/v1/accounts/{accountId}/balance", SUPPORT, FINANCE, AUDITOR, CUSTOMER),
                rule(GET, "/v1/accounts/{accountId}/economics", SUPPORT, FINANCE, CUSTOMER),
                rule(GET, "/v1/accounts/{accountId}/history", SUPPORT, FINANCE, AUDITOR),
                rule(GET, "/v1/accounts/{accountId}/reservations", SUPPORT, FINANCE, AUDITOR, CUSTOMER),
                rule(GET, "/v1/accounts/{accountId}/usage", SUPPORT, FINANCE, AUDITOR, CUSTOMER),
                rule(GET, "/v1/usage/{accountId}/{idempotencyKey}/trace", SUPPORT, FINANCE, AUDITOR, CUSTOMER),
                rule(GET, "/v1/reports/deferred-revenue", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/deferred-revenue/trace", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/revenue-waterfall", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/lots", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/journal", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/trial-balance", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/corrections", FINANCE, AUDITOR),
                rule(GET, "/v1/reports/receivables", FINANCE, AUDITOR),
                rule(GET, "/v1/periods", FINANCE, AUDITOR),
                rule(GET, "/v1/periods/{period}/report", FINANCE, AUDITOR),
                rule(GET, "/v1/invoices", SUPPORT, FINANCE, AUDITOR, CUSTOMER),
                rule(GET, "/v1/invoices/{invoiceId}", SUPPORT, FINANCE, AUDITOR, CUSTOMER)
                        .accountFrom(context -> accountOfInvoice(context.getVariables().get("invoiceId"))),
                rule(GET, "/v1/audit/verify", FINANCE, AUDITOR),
                rule(GET, "/v1/admin/projections", AUDITOR),
                rule(GET, "/v1/admin/reconciliation", AUDITOR),
                rule(GET, "/actuator/metrics", AUDITOR),
                rule(GET, "/actuator/metrics/{name}", AUDITOR),
                rule(GET, "/actuator/prometheus", MONITOR),
                rule(POST, "/v1/admin/projections/replay"),
                rule(POST, "/v1/webhooks/endpoints"),
                rule(GET, "/v1/webhooks/endpoints", AUDITOR),
                rule(DELETE, "/v1/webhooks/endpoints/{endpointId}"),
                rule(GET, "/v1/webhooks/deliveries", SUPPORT, AUDITOR),
                rule(POST, "/v1/webhooks/deliveries/{deliveryId}/retry", SUPPORT));
    }

    /** Invoice ids are {@code <accountId>:<yyyy-MM>}. */
    private static String accountOfInvoice(String invoiceId) {
        int separator = invoiceId == null ? -1 : invoiceId.lastIndexOf(':');
        return separator < 0 ? null : invoiceId.substring(0, separator);
    }
}
