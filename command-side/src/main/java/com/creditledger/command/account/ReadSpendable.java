package com.creditledger.command.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * "May this call go?": asked of the account itself, so the answer is exact as of its last accepted
 * command (the query side's balance may lag). Changes nothing.
 */
public record ReadSpendable(@TargetAggregateIdentifier String accountId, Instant at) {
}
