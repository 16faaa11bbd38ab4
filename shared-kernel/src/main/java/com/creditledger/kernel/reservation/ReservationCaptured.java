package com.creditledger.kernel.reservation;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/**
 * A capture against a hold (its charge is the {@code UsageDebited} with the same idempotency key):
 * {@code captured} credits of the hold were used by the call, {@code released} went back to the
 * account, and {@code held} stays held (zero once {@code finalCapture}), backed by {@code backing}.
 */
public record ReservationCaptured(String accountId,
                                  String reservationId,
                                  String idempotencyKey,
                                  Credits captured,
                                  Credits released,
                                  Credits held,
                                  Backing backing,
                                  boolean finalCapture,
                                  Instant capturedAt) {

    public ReservationCaptured {
        Invariants.check(!captured.isNegative() && !released.isNegative() && backing.total().equals(held),
                () -> "capture of hold " + reservationId + " keeps exactly what stays held");
        Invariants.check(!finalCapture || held.isZero(), () -> "a final capture leaves nothing held");
    }
}
