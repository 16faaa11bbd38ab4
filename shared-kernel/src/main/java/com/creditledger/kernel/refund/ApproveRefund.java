package com.creditledger.kernel.refund;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ApproveRefund(@TargetAggregateIdentifier String accountId, String refundId, Instant approvedAt) {
}
