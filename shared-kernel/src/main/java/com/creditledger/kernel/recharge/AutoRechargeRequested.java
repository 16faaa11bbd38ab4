package com.creditledger.kernel.recharge;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * The account asks its payment provider for {@code amount} cash, because a decision left
 * {@code available} credit below the threshold. At most one is in flight per account; the provider
 * answers with a top-up carrying {@code requestId}, or reports the charge failed.
 */
public record AutoRechargeRequested(String accountId, String requestId, Money amount, Credits available,
                                    Instant requestedAt) {

    public AutoRechargeRequested {
        Invariants.check(amount.isPositive(), () -> "recharge request " + requestId + " asks for a positive amount");
    }
}
