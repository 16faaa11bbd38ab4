package com.creditledger.kernel.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record CancelPlan(@TargetAggregateIdentifier String accountId, Instant at) {
}
