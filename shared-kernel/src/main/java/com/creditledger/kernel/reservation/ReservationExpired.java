package com.creditledger.kernel.reservation;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/** A hold still open at its expiry, given back at exactly {@code expiredAt} (the hold's expiresAt). */
public record ReservationExpired(String accountId, String reservationId, Credits released, Instant expiredAt) {
}
