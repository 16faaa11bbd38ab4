package com.creditledger.kernel.plan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bill the plan's month {@code month} ({@code YYYY-MM}), due at its first instant; a month is billed once. */
public record RenewPlan(@TargetAggregateIdentifier String accountId, String month) {
}
