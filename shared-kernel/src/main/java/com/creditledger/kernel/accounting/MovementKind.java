package com.creditledger.kernel.accounting;

/**
 * What a movement of credit did, as the credit ledger records it: a lot granted, credits netted
 * against overage or consumed from it, expired or refunded; overage arising without a lot and
 * netted by a later top-up. The codes are stored and queried by name.
 */
public enum MovementKind {
    GRANTED, NETTED, CONSUMED, OVERAGE, OVERAGE_NETTED, EXPIRED, REFUNDED;

    public String code() {
        return name().toLowerCase();
    }
}
