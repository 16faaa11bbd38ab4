package com.creditledger.command.model.refund;

import com.creditledger.kernel.value.Money;

/**
 * Maker–checker for refunds : a refund paying more than {@code threshold} waits for a
 * second key's approval; the key that asked may not approve.
 */
public record RefundApproval(Money threshold) {

    public boolean isNeededFor(Money cash) {
        return cash.compareTo(threshold) > 0;
    }
}
