package com.creditledger.kernel.reservation;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/** A hold raised by {@code added} to {@code held}, backed anew by {@code backing}, now expiring at {@code expiresAt}. */
public record ReservationExtended(String accountId,
                                  String reservationId,
                                  Credits added,
                                  Credits held,
                                  Backing backing,
                                  Instant expiresAt,
                                  Instant extendedAt) {

    public ReservationExtended {
        Invariants.check(!added.isNegative() && backing.total().equals(held),
                () -> "hold " + reservationId + " of " + held + " is backed by exactly that, not " + backing.total());
    }
}
