package com.creditledger.kernel.refund;

import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Refund unused credit of one top-up: {@code credits} of it, or all of it when {@code credits} is null.
 * Above the approval threshold it waits for {@link ApproveRefund} by another key.
 */
public record RefundCredit(@TargetAggregateIdentifier String accountId,
                           String refundId,
                           String topUpId,
                           Credits credits,
                           String reason,
                           Instant requestedAt,
                           String requestDigest) {
}
