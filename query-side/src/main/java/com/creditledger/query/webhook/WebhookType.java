package com.creditledger.query.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The event types an endpoint can subscribe to, by their names on the wire. */
public enum WebhookType {
    BALANCE_LOW("balance.low"),
    BALANCE_DEPLETED("balance.depleted"),
    BALANCE_RECOVERED("balance.recovered"),
    SPEND_THRESHOLD_REACHED("spend.threshold_reached"),
    LOT_EXPIRING("lot.expiring"),
    LOT_EXPIRED("lot.expired"),
    AUTO_RECHARGE_REQUESTED("auto_recharge.requested"),
    AUTO_RECHARGE_COMPLETED("auto_recharge.completed"),
    AUTO_RECHARGE_FAILED("auto_recharge.failed"),
    AUTO_RECHARGE_DISABLED("auto_recharge.disabled"),
    RESERVATION_EXPIRED("reservation.expired"),
    REFUND_PENDING_APPROVAL("refund.pending_approval"),
    REFUND_COMPLETED("refund.completed"),
    PERIOD_CLOSED("period.closed"),
    INVOICE_ISSUED("invoice.issued");

    private final String wireName;

    WebhookType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookType> named(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
