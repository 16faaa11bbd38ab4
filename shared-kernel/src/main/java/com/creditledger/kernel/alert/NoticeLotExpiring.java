package com.creditledger.kernel.alert;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Tell the account's people that a lot expires in {@code daysBefore} days; {@code asOf} is the clock's now. */
public record NoticeLotExpiring(@TargetAggregateIdentifier String accountId, String lotId, int daysBefore,
                                Instant asOf) {
}
