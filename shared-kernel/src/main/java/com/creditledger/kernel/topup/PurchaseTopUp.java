package com.creditledger.kernel.topup;

import com.creditledger.kernel.value.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records cash actually received. {@code requestDigest} fingerprints the request as sent, so a
 * retry under the same {@code topUpId} can be told apart from a different top-up reusing the id.
 * {@code priority} is given to every lot of the top-up: lower is drawn first, before expiry order.
 * {@code autoRechargeRequestId} names the auto-recharge request the payment answers, if any.
 */
public record PurchaseTopUp(@TargetAggregateIdentifier String accountId,
                            String topUpId,
                            Money amount,
                            String paymentReference,
                            Instant purchasedAt,
                            Instant principalExpiresAt,
                            Instant bonusExpiresAt,
                            int priority,
                            String requestDigest,
                            String autoRechargeRequestId) {

    /** A top-up bought by hand, not answering an auto-recharge request. */
    public PurchaseTopUp(String accountId, String topUpId, Money amount, String paymentReference, Instant purchasedAt,
                         Instant principalExpiresAt, Instant bonusExpiresAt, int priority, String requestDigest) {
        this(accountId, topUpId, amount, paymentReference, purchasedAt, principalExpiresAt, bonusExpiresAt, priority,
                requestDigest, null);
    }
}
