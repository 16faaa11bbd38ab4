package com.creditledger.kernel.period;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ApprovePeriodReopen(@TargetAggregateIdentifier String booksId, String period, Instant at) {
}
