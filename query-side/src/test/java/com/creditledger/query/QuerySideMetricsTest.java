package com.creditledger.query;

import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scrapes the query side with the same MONITOR key as the command side: projection lag
 * (0 once a debit is projected), the webhook backlog, Axon's processor meters; other keys are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=QuerySideMetricsTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@AutoConfigureObservability(tracing = false) // tests get no exporting registry unless asked
class QuerySideMetricsTest extends LedgerScenario {

    @Test
    void aMonitorKeySeesTheProjectionsCaughtUpAndTheWebhookBacklog() {
        startCommandSide();
        created(commands.openAccount("scraped"));
        created(commands.topUp("scraped", "t1", "99.00"));
        created(commands.debit("scraped", "s-1", "1.00"));
        awaitProjections();

        LedgerClient monitor = queries.withKey(keyOf("MONITOR").apiKey());
        LedgerClient.Response scraped = monitor.get("/actuator/prometheus");
        assertThat(scraped.status()).as(scraped.raw()).isEqualTo(200);
        assertThat(scraped.raw()).contains("ledger_projections_lag 0.0", "ledger_projections_replaying 0.0",
                "ledger_webhooks_due 0.0", "ledger_webhooks_failed 0.0", "eventProcessor_",
                "http_server_requests_seconds_bucket");
        assertThat(scraped.raw()).doesNotContain("eventProcessor_capacity", "quantile="); // decision 86
        assertThat(queries.withKey(keyOf("FINANCE").apiKey()).get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(monitor.get("/v1/accounts/scraped/balance").status()).isEqualTo(403);
    }
}
