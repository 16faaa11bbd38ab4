package com.creditledger.query.webhook;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The delivery log: each message with its attempts, and a person's "send it again". */
@Component
class WebhookDeliveries {

    private final JdbcTemplate jdbc;

    WebhookDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Attempt(int attempt, Instant attemptedAt, Integer statusCode, long durationMs, String error) {
    }

    record Delivery(String deliveryId, String endpointId, String type, String accountId, String eventId, long position,
                    String status, int attempts, Instant nextAttemptAt, Instant createdAt, List<Attempt> attemptLog) {
    }

    /** The newest first; {@code status} one of pending, delivered, failed; a null filter matches all. */
    List<Delivery> find(String endpointId, String status, String accountId, int limit) {
        return find(null, endpointId, status, accountId, limit);
    }

    private List<Delivery> find(String deliveryId, String endpointId, String status, String accountId, int limit) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder("TRUE");
        if (deliveryId != null) {
            where.append(" AND message_id = ?");
            parameters.add(deliveryId);
        }
        if (endpointId != null) {
            where.append(" AND endpoint_id = ?");
            parameters.add(endpointId);
        }
        if (status != null) {
            where.append(" AND status = ?");
            parameters.add(status.toUpperCase());
        }
        if (accountId != null) {
            where.append(" AND account_id = ?");
            parameters.add(accountId);
        }
        parameters.add(limit);
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM wh_message WHERE " + where + " ORDER BY created_at DESC, global_index DESC LIMIT ?",
                row -> {
                    deliveries.put(row.getString("message_id"), new Delivery(row.getString("message_id"),
                            row.getString("endpoint_id"), row.getString("event_type"), row.getString("account_id"),
                            row.getString("event_id"), row.getLong("global_index"), row.getString("status").toLowerCase(),
                            row.getInt("attempts"), instant(row.getTimestamp("next_attempt_at")),
                            instant(row.getTimestamp("created_at")), new ArrayList<>()));
                }, parameters.toArray());
        if (!deliveries.isEmpty()) {
            jdbc.query("SELECT * FROM wh_attempt WHERE message_id = ANY (?) ORDER BY message_id, attempt",
                    row -> {
                        deliveries.get(row.getString("message_id")).attemptLog().add(new Attempt(row.getInt("attempt"),
                                instant(row.getTimestamp("attempted_at")), (Integer) row.getObject("status_code"),
                                row.getLong("duration_ms"), row.getString("error")));
                    }, (Object) deliveries.keySet().toArray(String[]::new));
        }
        return List.copyOf(deliveries.values());
    }

    Delivery get(String deliveryId) {
        return find(deliveryId, null, null, null, 1).stream().findFirst().orElseThrow(() -> new LedgerRejection(
                RejectionCode.DELIVERY_NOT_FOUND, "deliveryId", "no webhook delivery " + deliveryId));
    }

    /** One more attempt now, with the same webhook-id; a delivered message is sent again too. */
    Delivery retry(String deliveryId) {
        int queued = jdbc.update("UPDATE wh_message m SET status = 'PENDING', next_attempt_at = now(), claimed_by = NULL, "
                + "claimed_until = NULL FROM wh_endpoint e WHERE e.endpoint_id = m.endpoint_id AND e.status = 'ENABLED' "
                + "AND m.message_id = ?", deliveryId);
        Delivery delivery = get(deliveryId);
        if (queued == 0) {
            throw new LedgerRejection(RejectionCode.ENDPOINT_DISABLED, "deliveryId", "endpoint " + delivery.endpointId()
                    + " of delivery " + deliveryId + " is disabled or deleted");
        }
        return delivery;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
