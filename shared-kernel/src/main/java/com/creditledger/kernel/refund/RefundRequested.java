package com.creditledger.kernel.refund;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * A refund above the approval threshold, waiting for a second key (maker–checker). No money moves
 * yet; {@code estimatedCash} is what it would pay at the time of the request.
 */
public record RefundRequested(String accountId,
                              String refundId,
                              String topUpId,
                              Credits credits,
                              Money estimatedCash,
                              String reason,
                              Instant requestedAt,
                              String requestedBy,
                              String requestDigest) {
}
