package com.creditledger.kernel.reservation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The call did not happen (or failed before any token): give the held credit back, charge nothing. */
public record ReleaseReservation(@TargetAggregateIdentifier String accountId, String reservationId, Instant at) {
}
