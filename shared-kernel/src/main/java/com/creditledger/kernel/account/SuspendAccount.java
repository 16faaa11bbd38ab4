package com.creditledger.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record SuspendAccount(@TargetAggregateIdentifier String accountId, String reason, Instant at) {
}
