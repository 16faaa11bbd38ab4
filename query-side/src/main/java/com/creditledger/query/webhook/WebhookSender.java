package com.creditledger.query.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Sends what the outbox queued, on every node that runs it: a node claims due messages for a lease
 * ({@code FOR UPDATE SKIP LOCKED}), so two nodes never send the same message at once; a node that
 * dies mid-send leaves its claims to expire and another sends them again (at least once). A message
 * is signed afresh on each attempt with a new {@code webhook-timestamp} and the same
 * {@code webhook-id}. 2xx delivers; 410 disables the endpoint; anything else, a redirect, a timeout
 * or no connection waits for the next attempt of the {@link RetrySchedule}. Every attempt is logged.
 */
@Component
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int LONGEST_ERROR = 500;

    private static final String CLAIM = "UPDATE wh_message m SET claimed_by = ?, "
            + "claimed_until = now() + ? * interval '1 millisecond' FROM wh_endpoint e "
            + "WHERE e.endpoint_id = m.endpoint_id AND m.message_id IN ("
            + "  SELECT d.message_id FROM wh_message d JOIN wh_endpoint de ON de.endpoint_id = d.endpoint_id"
            + "  WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND de.status = 'ENABLED'"
            + "  AND (d.claimed_until IS NULL OR d.claimed_until < now())"
            + "  ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED) "
            + "RETURNING m.message_id, m.endpoint_id, m.body, e.url, e.secret";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetrySchedule schedule;
    private final Duration timeout;
    private final Duration lease;
    private final Duration pollInterval;
    private final int concurrency;
    private final boolean enabled;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final HttpClient http;
    private final WebhookMeters meters;
    private final Semaphore freeSlots;
    private volatile boolean running;
    private ExecutorService sends;
    private Thread loop;

    WebhookSender(JdbcTemplate jdbc, TransactionTemplate transaction,
                  @Value("${ledger.webhooks.retry-schedule:PT5S,PT5M,PT30M,PT2H,PT5H,PT10H}") List<Duration> schedule,
                  @Value("${ledger.webhooks.timeout:PT10S}") Duration timeout,
                  @Value("${ledger.webhooks.lease:PT1M}") Duration lease,
                  @Value("${ledger.webhooks.poll-interval:PT0.1S}") Duration pollInterval,
                  @Value("${ledger.webhooks.concurrency:8}") int concurrency,
                  @Value("${ledger.webhooks.send:true}") boolean enabled, WebhookMeters meters) {
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            // a claim must outlive the attempt it covers, or a second node would send while the first still waits
            throw new IllegalArgumentException("ledger.webhooks.lease " + lease + " must be at least twice the timeout " + timeout);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.schedule = new RetrySchedule(schedule);
        this.timeout = timeout;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.concurrency = concurrency;
        this.freeSlots = new Semaphore(concurrency);
        this.enabled = enabled;
        this.meters = meters;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    private record Due(String messageId, String endpointId, String body, String url, String secret) {
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        sends = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "webhook-send");
            thread.setDaemon(true);
            return thread;
        });
        loop = new Thread(this::run, "webhook-sender");
        loop.setDaemon(true);
        loop.start();
    }

    private void run() {
        while (running) {
            try {
                if (sendDue() == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("webhook sending failed; trying again in a second: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Claims no more than there are free send slots, so a node holds a claim only on what it is sending:
     * a node that dies leaves at most {@code concurrency} messages to wait out their lease, and a slow
     * receiver holds up only the slots it occupies, never a batch behind it.
     */
    int sendDue() throws InterruptedException {
        freeSlots.acquire();
        int free = 1 + freeSlots.drainPermits();
        List<Due> due;
        try {
            due = jdbc.query(CLAIM, (row, n) -> new Due(row.getString("message_id"), row.getString("endpoint_id"),
                    row.getString("body"), row.getString("url"), row.getString("secret")), node, lease.toMillis(), free);
        } finally {
            freeSlots.release(free);
        }
        for (Due message : due) {
            freeSlots.acquire();
            sends.execute(() -> {
                try {
                    attempt(message);
                } catch (RuntimeException e) {
                    log.warn("recording a webhook attempt failed; its claim will expire and it is sent again", e);
                } finally {
                    freeSlots.release();
                }
            });
        }
        return due.size();
    }

    private void attempt(Due message) {
        long timestamp = Instant.now().getEpochSecond();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(message.url())).timeout(timeout)
                    .header("content-type", "application/json")
                    .header("user-agent", "credit-ledger-webhooks")
                    .header("webhook-id", message.messageId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(message.secret(), message.messageId(), timestamp,
                            message.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(message.body())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                error = "answered " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the claim expires and the message is sent again
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        record(message, status, error, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void record(Due message, Integer status, String error, long millis) {
        WebhookMeters.Outcome outcome = transaction.execute(tx -> {
            boolean delivered = status != null && status / 100 == 2;
            boolean gone = status != null && status == 410;
            Integer attempts = jdbc.queryForObject("UPDATE wh_message SET attempts = attempts + 1, claimed_by = NULL, "
                    + "claimed_until = NULL WHERE message_id = ? RETURNING attempts", Integer.class, message.messageId());
            jdbc.update("INSERT INTO wh_attempt (message_id, attempt, attempted_at, sent_by, status_code, duration_ms, error) "
                    + "VALUES (?, ?, now(), ?, ?, ?, ?)", message.messageId(), attempts, node, status, millis,
                    error == null ? null : error.substring(0, Math.min(error.length(), LONGEST_ERROR)));
            if (delivered) {
                meters.delivered(Duration.ofMillis(jdbc.queryForObject("UPDATE wh_message SET status = 'DELIVERED', "
                        + "next_attempt_at = NULL WHERE message_id = ? "
                        + "RETURNING (extract(epoch FROM now() - created_at) * 1000)::bigint", Long.class,
                        message.messageId())));
                return WebhookMeters.Outcome.DELIVERED;
            }
            if (gone) {
                jdbc.update("UPDATE wh_message SET status = 'FAILED', next_attempt_at = NULL WHERE message_id = ?",
                        message.messageId());
                jdbc.update("UPDATE wh_endpoint SET status = 'DISABLED', status_reason = ? WHERE endpoint_id = ? "
                        + "AND status = 'ENABLED'", "the receiver answered 410 Gone to " + message.messageId(),
                        message.endpointId());
                return WebhookMeters.Outcome.GONE;
            }
            return schedule.waitAfter(attempts).map(wait -> {
                jdbc.update("UPDATE wh_message SET next_attempt_at = now() + ? * interval '1 millisecond' "
                        + "WHERE message_id = ?", wait.toMillis(), message.messageId());
                return WebhookMeters.Outcome.RETRYING;
            }).orElseGet(() -> {
                jdbc.update("UPDATE wh_message SET status = 'FAILED', next_attempt_at = NULL WHERE message_id = ?",
                        message.messageId());
                return WebhookMeters.Outcome.FAILED;
            });
        });
        meters.attempted(outcome);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            sends.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
