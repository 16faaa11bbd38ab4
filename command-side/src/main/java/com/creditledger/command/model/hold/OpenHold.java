package com.creditledger.command.model.hold;

import com.creditledger.kernel.reservation.Backing;
import com.creditledger.kernel.value.Credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A hold not yet captured in full, released or expired: what it keeps, on what, until when; what
 * its reservation asked for ({@code reserved}, {@code requestDigest}), which a retry is answered
 * with; and the output price it was taken at (null for a hold of an amount), to raise it by tokens.
 */
public record OpenHold(String reservationId, Credits held, Backing backing, Instant occurredAt, Instant expiresAt,
                       Credits reserved, String requestDigest, BigDecimal outputPricePerMillion) {

    /** The UTC month whose spend the hold counts toward: the month of its business time. */
    public YearMonth month() {
        return YearMonth.from(occurredAt.atOffset(ZoneOffset.UTC));
    }

    public ClosedHold closed(ClosedHold.Ending ending) {
        return new ClosedHold(reservationId, requestDigest, reserved, expiresAt, ending);
    }

    public OpenHold backedBy(Credits newHeld, Backing newBacking, Instant newExpiresAt) {
        return new OpenHold(reservationId, newHeld, newBacking, occurredAt, newExpiresAt, reserved, requestDigest, outputPricePerMillion);
    }
}
