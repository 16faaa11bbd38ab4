package com.creditledger.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ReactivateAccount(@TargetAggregateIdentifier String accountId, String reason, Instant at) {
}
