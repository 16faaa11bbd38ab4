package com.creditledger.kernel.reservation;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;

/** Credit of one lot kept for an open hold: not drawn, not moved, only unavailable to anyone else. */
public record Earmark(String lotId, Credits credits) {

    public Earmark {
        Invariants.check(credits.isPositive(), () -> "an earmark on lot " + lotId + " keeps a positive amount");
    }
}
