package com.creditledger.query.access;

import com.creditledger.platform.security.Role;
import com.creditledger.testsupport.AccessMatrixContract;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read what, from the one table {@link QuerySideEndpoints}; customers see only their own account. */
// a ledger (context and database) of this class's own: its history must not meet another test's
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.application.name=QuerySideAccessTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class QuerySideAccessTest extends AccessMatrixContract {

    @ParameterizedTest(name = "a customer of cust-a cannot read {0}")
    @ValueSource(strings = {
            "/v1/accounts/cust-b/balance", "/v1/accounts/cust-b/balance?asOf=2025-01-01T00:00:00Z",
            "/v1/accounts/cust-b/history", "/v1/accounts/cust-a/history",
            "/v1/usage/cust-b/k-1/trace",
            "/v1/invoices?accountId=cust-b", "/v1/invoices", "/v1/invoices/cust-b:2025-01",
            "/v1/reports/deferred-revenue?from=2025-01&to=2025-12&accountId=cust-a&format=csv",
            "/v1/reports/deferred-revenue/trace?period=2025-01&column=usageRevenue&accountId=cust-a",
            "/v1/reports/lots?accountId=cust-a&format=csv", "/v1/reports/journal?from=2025-01&to=2025-12&format=csv",
            "/v1/reports/revenue-waterfall?accountId=cust-a", "/v1/reports/trial-balance?accountId=cust-a",
            "/v1/audit/verify?accountId=cust-a", "/v1/admin/projections"})
    void customerCannotReadAnotherAccountOrLedgerWideData(String path) {
        LedgerClient customer = new LedgerClient(port).withKey(keys.create(Role.CUSTOMER, "cust-a", "dashboard", "test").token());
        assertThat(customer.get(path).status()).isEqualTo(403);
    }

    @Test
    void customerReadsItsOwnAccount() {
        LedgerClient customer = new LedgerClient(port).withKey(keys.create(Role.CUSTOMER, "cust-a", "dashboard", "test").token());
        assertThat(customer.get("/v1/accounts/cust-a/balance").status()).isNotIn(401, 403);
        assertThat(customer.get("/v1/invoices?accountId=cust-a").status()).isEqualTo(200);
    }
}
