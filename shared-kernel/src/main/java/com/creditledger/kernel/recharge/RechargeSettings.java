package com.creditledger.kernel.recharge;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Duration;

/**
 * When and how much an account recharges itself: below {@code threshold} available credit, a
 * fixed cash {@code amount} or enough cash to bring available credit to {@code rechargeTo} (exactly
 * one of the two); at most {@code monthlyCap} cash per UTC month (none: no cap); never within
 * {@code cooldown} of the last completion; disabled after {@code maxFailures} consecutive declines.
 */
public record RechargeSettings(boolean enabled,
                               Credits threshold,
                               Money amount,
                               Credits rechargeTo,
                               Money monthlyCap,
                               int maxFailures,
                               Duration cooldown) {

    public static final int DEFAULT_MAX_FAILURES = 3;
    public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

    public RechargeSettings {
        Invariants.check((amount == null) != (rechargeTo == null), () -> "either a cash amount or a credit target");
        Invariants.check(amount == null || amount.isPositive(), () -> "a positive recharge amount");
        Invariants.check(rechargeTo == null || rechargeTo.exceeds(threshold),
                () -> "a recharge target " + rechargeTo + " above the threshold " + threshold);
        Invariants.check(!threshold.isNegative(), () -> "a threshold of at least zero");
        Invariants.check(maxFailures >= 1, () -> "at least one failure before disabling");
        Invariants.check(!cooldown.isNegative(), () -> "a cooldown of at least zero");
    }
}
