package com.creditledger.kernel.refund;

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
}
