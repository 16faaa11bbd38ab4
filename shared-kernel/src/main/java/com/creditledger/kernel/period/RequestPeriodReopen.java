package com.creditledger.kernel.period;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RequestPeriodReopen(@TargetAggregateIdentifier String booksId, String period, String reason, Instant at) {
}
