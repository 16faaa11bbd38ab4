package com.creditledger.kernel.recharge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces an account's auto-recharge settings; enabling again also clears a disablement after failures. */
public record SetAutoRecharge(@TargetAggregateIdentifier String accountId, RechargeSettings settings, Instant at) {
}
