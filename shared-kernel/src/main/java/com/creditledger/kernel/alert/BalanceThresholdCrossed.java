package com.creditledger.kernel.alert;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/**
 * Available credit crossed a threshold, recorded in the transaction of the command that crossed it,
 * once per crossing. A threshold of zero going down is the balance running out.
 */
public record BalanceThresholdCrossed(String accountId,
                                      Credits threshold,
                                      Direction direction,
                                      Credits available,
                                      Instant crossedAt) {

    public boolean depleted() {
        return threshold.isZero() && direction == Direction.DOWN;
    }
}
