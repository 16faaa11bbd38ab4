package com.creditledger.query.webhook;

import com.creditledger.kernel.alert.BalanceThresholdCrossed;
import com.creditledger.kernel.alert.Direction;
import com.creditledger.kernel.alert.LotExpiring;
import com.creditledger.kernel.alert.SpendThresholdReached;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.recharge.AutoRechargeCompleted;
import com.creditledger.kernel.recharge.AutoRechargeDisabled;
import com.creditledger.kernel.recharge.AutoRechargeFailed;
import com.creditledger.kernel.recharge.AutoRechargeRequested;
import com.creditledger.kernel.refund.RefundRequested;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.reservation.ReservationExpired;
import com.creditledger.query.projection.Recorded;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox: for each event a webhook type stands for, a message per subscribed endpoint, written
 * by a processing group of its own in the same transaction as its token. Only committed events are
 * read from the store, so a command that rolled back sends nothing; a message is keyed by endpoint
 * and event, so an event read again (a crash before the token moved, a reset) queues nothing twice.
 * Its own group: rebuilding the projections never sends anything again.
 */
@Component
@ProcessingGroup(WebhookOutbox.GROUP)
class WebhookOutbox {

    static final String GROUP = "ledger-webhooks";

    private static final String QUEUE = "INSERT INTO wh_message (message_id, endpoint_id, event_type, account_id, "
            + "global_index, event_id, body, status, attempts, next_attempt_at, created_at) "
            + "SELECT 'msg_' || substr(md5(endpoint_id || ':' || ?), 1, 26), endpoint_id, ?, ?, ?, ?, ?, 'PENDING', 0, "
            + "now(), now() FROM wh_endpoint WHERE status = 'ENABLED' AND ? = ANY (event_types) AND from_position < ? "
            + "ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    WebhookOutbox(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(BalanceThresholdCrossed event, EventMessage<?> message) {
        WebhookType type = event.direction() == Direction.UP ? WebhookType.BALANCE_RECOVERED
                : event.threshold().isZero() ? WebhookType.BALANCE_DEPLETED : WebhookType.BALANCE_LOW;
        queue(type, event.accountId(), event, message);
    }

    @EventHandler
    void on(SpendThresholdReached event, EventMessage<?> message) {
        queue(WebhookType.SPEND_THRESHOLD_REACHED, event.accountId(), event, message);
    }

    @EventHandler
    void on(LotExpiring event, EventMessage<?> message) {
        queue(WebhookType.LOT_EXPIRING, event.accountId(), event, message);
    }

    @EventHandler
    void on(CreditExpired event, EventMessage<?> message) {
        queue(WebhookType.LOT_EXPIRED, event.accountId(), event, message);
    }

    @EventHandler
    void on(AutoRechargeRequested event, EventMessage<?> message) {
        queue(WebhookType.AUTO_RECHARGE_REQUESTED, event.accountId(), event, message);
    }

    @EventHandler
    void on(AutoRechargeCompleted event, EventMessage<?> message) {
        queue(WebhookType.AUTO_RECHARGE_COMPLETED, event.accountId(), event, message);
    }

    @EventHandler
    void on(AutoRechargeFailed event, EventMessage<?> message) {
        queue(WebhookType.AUTO_RECHARGE_FAILED, event.accountId(), event, message);
    }

    @EventHandler
    void on(AutoRechargeDisabled event, EventMessage<?> message) {
        queue(WebhookType.AUTO_RECHARGE_DISABLED, event.accountId(), event, message);
    }

    @EventHandler
    void on(ReservationExpired event, EventMessage<?> message) {
        queue(WebhookType.RESERVATION_EXPIRED, event.accountId(), event, message);
    }

    @EventHandler
    void on(RefundRequested event, EventMessage<?> message) {
        queue(WebhookType.REFUND_PENDING_APPROVAL, event.accountId(), event, message);
    }

    @EventHandler
    void on(Refunded event, EventMessage<?> message) {
        queue(WebhookType.REFUND_COMPLETED, event.accountId(), event, message);
    }

    /** The body every endpoint gets, the same on every attempt: {@code {type, timestamp, data{accountId, eventId, position, …}}}. */
    private void queue(WebhookType type, String accountId, Object event, EventMessage<?> message) {
        Recorded recorded = Recorded.of(message);
        ObjectNode data = json.createObjectNode();
        data.put("accountId", accountId);
        data.put("eventId", recorded.eventId());
        data.put("position", recorded.globalIndex());
        ObjectNode fields = json.valueToTree(event);
        fields.remove("accountId");
        fields.remove("requestDigest");
        data.setAll(fields);
        ObjectNode body = json.createObjectNode();
        body.put("type", type.wireName());
        body.set("timestamp", json.valueToTree(recorded.recordedAt()));
        body.set("data", data);
        try {
            jdbc.update(QUEUE, recorded.eventId(), type.wireName(), accountId, recorded.globalIndex(), recorded.eventId(),
                    json.writeValueAsString(body), type.wireName(), recorded.globalIndex());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that was read cannot be written again", e);
        }
    }
}
