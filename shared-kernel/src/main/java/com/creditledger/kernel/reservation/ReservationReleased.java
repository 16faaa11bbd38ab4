package com.creditledger.kernel.reservation;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/** A hold given back without a charge: the call did not happen. */
public record ReservationReleased(String accountId, String reservationId, Credits released, Instant releasedAt) {
}
