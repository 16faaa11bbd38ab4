package com.creditledger.kernel.refund;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.util.List;

/**
 * Unused credit given back: the cash is exactly the deferred revenue the refunded credits release.
 * {@code approvedBy} is set when the refund needed a second key's approval (maker–checker).
 */
public record Refunded(String accountId,
                       String refundId,
                       String topUpId,
                       Credits credits,
                       Money cash,
                       List<LotRefund> lots,
                       String reason,
                       Instant refundedAt,
                       String requestDigest,
                       String requestedBy,
                       String approvedBy) {

    /** The refund is the sum of what it takes from each lot, in credits and in cash. */
    public Refunded {
        Invariants.check(lots.stream().map(LotRefund::credits).reduce(Credits.ZERO, Credits::plus).equals(credits)
                && lots.stream().map(LotRefund::cash).reduce(Money.ZERO, Money::plus).equals(cash),
                () -> "refund " + refundId + " is the sum of its lots");
        lots = List.copyOf(lots);
    }
}
