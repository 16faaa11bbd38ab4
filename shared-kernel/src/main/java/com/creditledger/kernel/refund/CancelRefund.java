package com.creditledger.kernel.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The requester withdraws a refund still waiting for approval. */
public record CancelRefund(@TargetAggregateIdentifier String accountId, String refundId, Instant cancelledAt) {
}
