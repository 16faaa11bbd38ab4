package com.creditledger.query.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges to alert on: deliveries due and not yet sent (a growing number means senders are down or
 * too few), and deliveries given up. Read from the outbox when scraped, so every node reports the
 * same figures whichever of them sends.
 */
@Component
class WebhookBacklog {

    WebhookBacklog(JdbcTemplate jdbc, MeterRegistry meters) {
        Gauge.builder("ledger.webhooks.due", () -> jdbc.queryForObject("SELECT count(*) FROM wh_message "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= now()", Long.class))
                .description("webhook deliveries due and not yet sent").register(meters);
        Gauge.builder("ledger.webhooks.failed", () -> jdbc.queryForObject(
                        "SELECT count(*) FROM wh_message WHERE status = 'FAILED'", Long.class))
                .description("webhook deliveries given up (retry them by hand once the receiver is back)").register(meters);
    }
}
