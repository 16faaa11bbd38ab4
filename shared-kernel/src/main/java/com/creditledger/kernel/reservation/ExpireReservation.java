package com.creditledger.kernel.reservation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Release a hold still open at its expiry; {@code asOf} is the clock's now, which must have reached it. */
public record ExpireReservation(@TargetAggregateIdentifier String accountId, String reservationId, Instant asOf) {
}
