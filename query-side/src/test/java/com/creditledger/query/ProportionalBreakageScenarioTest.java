package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proportional breakage method (rate 30%) on the $999 pack: breakage accrues with usage and is
 * trued up at expiry, so the lot's total breakage equals the remote method's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.breakage.method=proportional", "ledger.breakage.rate=0.30"})
@ContextConfiguration(initializers = FreshDatabase.class)
class ProportionalBreakageScenarioTest {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void breakageAccruesWithUsageAndIsTruedUpAtExpiry() {
        try (LedgerProcess commandSide = LedgerProcess.commandSideBeside(environment, "--ledger.clock.mode=manual")) {
            LedgerClient commands = commandSide.client();
            commands.setClock("2025-01-01T10:00:00Z");
            commands.openAccount("pb");
            commands.topUp("pb", "pb-t", "999.00");
            commands.setClock("2025-02-15T12:00:00Z");
            commands.debit("pb", "pb-1", "100");
            commands.setClock("2026-01-01T10:00:00Z");
        }
        long last = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        LedgerClient queries = new LedgerClient(port);
        List<JsonNode> rows = new ArrayList<>();
        queries.get("/v1/reports/deferred-revenue?from=2025-01&to=2026-01&accountId=pb&waitFor=" + last).body()
                .path("rows").forEach(rows::add);

        // Feb: usage f(100) = 94.34; K = round(999 × (100 × 0.3 / 0.7) / 1058.94) = 40.43
        JsonNode february = rows.get(1);
        assertThat(february.path("usageRevenue").asText()).isEqualTo("94.34");
        assertThat(february.path("breakage").asText()).isEqualTo("40.43");
        assertThat(february.path("closingBalance").asText()).isEqualTo("864.23");
        // 2026-01: expiry trues up: (999.00 − 94.34) − 40.43 = 864.23; total breakage 904.66 as under the remote method
        JsonNode expiry = rows.get(12);
        assertThat(expiry.path("breakage").asText()).isEqualTo("864.23");
        assertThat(expiry.path("closingBalance").asText()).isEqualTo("0.00");
    }
}
