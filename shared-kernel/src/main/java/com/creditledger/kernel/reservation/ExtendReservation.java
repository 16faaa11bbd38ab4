package com.creditledger.kernel.reservation;

import com.creditledger.kernel.value.Credits;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Raise a hold for a stream that runs longer: by {@code amount}, or by {@code maxOutputTokens} more
 * output priced as the hold's own output was; {@code expiresAt} null keeps the hold's expiry.
 */
public record ExtendReservation(@TargetAggregateIdentifier String accountId,
                                String reservationId,
                                Credits amount,
                                Long maxOutputTokens,
                                Instant expiresAt,
                                Instant at) {
}
