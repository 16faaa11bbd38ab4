package com.creditledger.kernel.account;

public enum AccountStatus {
    ACTIVE,
    /** Takes no debits until reactivated; top-ups and refunds still go through. */
    SUSPENDED,
    /** Final: takes no debits and no top-ups; unused credit can still be refunded. */
    CLOSED
}
