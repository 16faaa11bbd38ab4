package com.creditledger.kernel.spendlimit;

import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Credits an account may spend per UTC calendar month of business time; {@code monthly} null removes the limit. */
public record SetSpendLimit(@TargetAggregateIdentifier String accountId, Credits monthly, Instant at) {
}
