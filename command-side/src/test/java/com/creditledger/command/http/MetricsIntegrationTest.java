package com.creditledger.command.http;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus scrapes the command side with a MONITOR key: a debit shows in the committed-events
 * counter and the usage outcomes, a 402 under its code, group commits and request latencies as
 * histograms, Axon's own meters beside them; other keys are refused.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=MetricsIntegrationTest")
@ContextConfiguration(initializers = FreshDatabase.class)
@AutoConfigureObservability(tracing = false) // tests get no exporting registry unless asked
class MetricsIntegrationTest {

    private static final String DEBITS = "ledger_events_recorded_total{type=\"UsageDebited\"}";
    private static final String ACCEPTED = "ledger_usage_calls_total{code=\"none\",status=\"accepted\"}";
    private static final String COMMANDS = "commandBus_successCounter_total{payloadType=\"RecordUsage\"}"; // Axon's own
    private static final String NO_CREDIT = "ledger_usage_calls_total{code=\"insufficient_credit\",status=\"rejected\"}";

    @LocalServerPort
    int port;

    @Test
    void aDebitAndARefusalAreCountedWhereAMonitorKeyCanScrapeThem() {
        LedgerClient admin = new LedgerClient(port);
        LedgerClient monitor = admin.withKey(admin.post("/v1/admin/api-keys", "{\"role\":\"MONITOR\"}").text("token"));
        assertThat(admin.openAccount("metered").status()).isEqualTo(201);
        assertThat(admin.topUp("metered", "t1", "99.00").status()).isEqualTo(201); // 118.80 credits
        BigDecimal debits = value(scrape(monitor), DEBITS);
        BigDecimal accepted = value(scrape(monitor), ACCEPTED);
        BigDecimal refused = value(scrape(monitor), NO_CREDIT);
        BigDecimal commands = value(scrape(monitor), COMMANDS);

        assertThat(admin.debit("metered", "m-1", "100.00").status()).isEqualTo(201);
        assertThat(admin.debit("metered", "m-2", "100.00").status()).isEqualTo(402); // 18.80 left

        String after = scrape(monitor);
        assertThat(value(after, DEBITS)).isEqualByComparingTo(debits.add(BigDecimal.ONE));
        assertThat(value(after, ACCEPTED)).isEqualByComparingTo(accepted.add(BigDecimal.ONE));
        assertThat(value(after, NO_CREDIT)).isEqualByComparingTo(refused.add(BigDecimal.ONE));
        assertThat(value(after, COMMANDS)).isEqualByComparingTo(commands.add(BigDecimal.valueOf(2))); // a refusal is an outcome
        assertThat(after).contains("ledger_usage_group_records_count", "ledger_usage_group_commit_seconds_bucket",
                "http_server_requests_seconds_bucket", "ledger_events_recorded_total{type=\"TopUpPurchased\"}");
        assertThat(after).contains("commandBus_allTimer_seconds_max{payloadType=\"RecordUsage\"}",
                "eventStore_ingestedCounter_total{payloadType=\"UsageDebited\"}");
        // without the timings Axon would keep per message for ten minutes (decision 86)
        assertThat(after).doesNotContain("commandBus_capacity", "quantile=");

        LedgerClient support = admin.withKey(admin.post("/v1/admin/api-keys", "{\"role\":\"SUPPORT\"}").text("token"));
        assertThat(support.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(admin.withKey(null).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(monitor.get("/v1/admin/api-keys").status()).isEqualTo(403);
    }

    private static String scrape(LedgerClient monitor) {
        LedgerClient.Response scraped = monitor.get("/actuator/prometheus");
        assertThat(scraped.status()).as(scraped.raw()).isEqualTo(200);
        return scraped.raw();
    }

    /** A sample's value, 0 while the series does not exist yet. */
    private static BigDecimal value(String exposition, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return sample.find() ? new BigDecimal(sample.group(1)) : BigDecimal.ZERO;
    }
}
