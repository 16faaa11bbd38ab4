package com.creditledger.kernel.expiry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Expire a lot whose expiry instant is at or before {@code asOf}, the ledger clock's now. */
public record ExpireLot(@TargetAggregateIdentifier String accountId, String lotId, Instant asOf) {
}
