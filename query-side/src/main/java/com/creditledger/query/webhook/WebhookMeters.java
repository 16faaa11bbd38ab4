package com.creditledger.query.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What webhooks report to Prometheus. Gauges to alert on, read from the outbox when scraped so every
 * node reports the same figures whichever of them sends: deliveries due and not yet sent (growing
 * means senders are down or too few) and deliveries given up. Counted by the node that sent them:
 * each attempt's outcome, and the delivery lag from the event's arrival in the outbox to its
 * receiver's 2xx.
 */
@Component
class WebhookMeters {

    /** How an attempt ended: the receiver took it, it waits for a retry, it was given up, or the receiver is gone (410). */
    enum Outcome { DELIVERED, RETRYING, FAILED, GONE }

    private final Map<Outcome, Counter> attempts = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer lag;

    WebhookMeters(JdbcTemplate jdbc, MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("ledger.webhooks.due", () -> jdbc.queryForObject("SELECT count(*) FROM wh_message "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= now()", Long.class))
                .description("webhook deliveries due and not yet sent").register(meters);
        Gauge.builder("ledger.webhooks.failed", () -> jdbc.queryForObject(
                        "SELECT count(*) FROM wh_message WHERE status = 'FAILED'", Long.class))
                .description("webhook deliveries given up (retry them by hand once the receiver is back)").register(meters);
        this.lag = Timer.builder("ledger.webhooks.delivery.lag")
                .description("from the event entering the outbox to its receiver's 2xx").register(meters);
    }

    void attempted(Outcome outcome) {
        attempts.computeIfAbsent(outcome, o -> Counter.builder("ledger.webhooks.attempts")
                .tag("outcome", o.name().toLowerCase())
                .description("webhook delivery attempts by outcome").register(meters)).increment();
    }

    void delivered(Duration sinceQueued) {
        lag.record(sinceQueued);
    }
}
