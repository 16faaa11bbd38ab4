package com.creditledger.query.webhook;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Where webhooks go. An endpoint receives the events recorded after its creation: it starts at the
 * store's newest position, so subscribing never floods a receiver with the past.
 */
@Component
class WebhookEndpoints {

    private final JdbcTemplate jdbc;

    WebhookEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Endpoint(String endpointId, String url, List<String> eventTypes, String description, String status,
                    String statusReason, Instant createdAt) {
    }

    /** A new endpoint and its secret, which is never shown again. */
    record Created(Endpoint endpoint, String secret) {
    }

    private static final RowMapper<Endpoint> ENDPOINT = (row, n) -> new Endpoint(row.getString("endpoint_id"),
            row.getString("url"), types(row.getArray("event_types")), row.getString("description"),
            row.getString("status").toLowerCase(), row.getString("status_reason"),
            row.getTimestamp("created_at").toInstant());

    Created create(String url, List<String> eventTypes, String description) {
        String endpointId = "ep_" + UUID.randomUUID().toString().replace("-", "");
        String secret = WebhookSignature.newSecret();
        jdbc.update("INSERT INTO wh_endpoint (endpoint_id, url, event_types, description, secret, status, from_position, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, 'ENABLED', "
                        + "(SELECT coalesce(max(globalindex), 0) FROM domainevententry), now())",
                endpointId, url, eventTypes.toArray(String[]::new), description, secret);
        return new Created(find(endpointId), secret);
    }

    List<Endpoint> all() {
        return jdbc.query("SELECT * FROM wh_endpoint WHERE status <> 'DELETED' ORDER BY created_at, endpoint_id", ENDPOINT);
    }

    Endpoint find(String endpointId) {
        return jdbc.query("SELECT * FROM wh_endpoint WHERE endpoint_id = ? AND status <> 'DELETED'", ENDPOINT, endpointId)
                .stream().findFirst().orElseThrow(() -> new LedgerRejection(RejectionCode.ENDPOINT_NOT_FOUND,
                        "endpointId", "no webhook endpoint " + endpointId));
    }

    /** Deleting keeps the endpoint's delivery log; nothing more is queued or sent to it. */
    void delete(String endpointId) {
        find(endpointId);
        jdbc.update("UPDATE wh_endpoint SET status = 'DELETED', status_reason = 'deleted' WHERE endpoint_id = ?", endpointId);
    }

    private static List<String> types(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).toList();
    }
}
