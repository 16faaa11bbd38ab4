package com.creditledger.kernel.recharge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The provider reports that it could not charge for the request. */
public record FailAutoRecharge(@TargetAggregateIdentifier String accountId, String requestId, String reason,
                               Instant at) {
}
