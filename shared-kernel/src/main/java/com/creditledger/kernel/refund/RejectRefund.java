package com.creditledger.kernel.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The checker's "no" to a refund waiting for approval. */
public record RejectRefund(@TargetAggregateIdentifier String accountId, String refundId, String reason,
                           Instant rejectedAt) {
}
