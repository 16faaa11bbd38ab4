package com.creditledger.kernel.usage;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

/** Credits taken from one lot and the deferred revenue that taking them recognized. */
public record Draw(String lotId, Credits credits, Money revenue) {

    public Draw {
        Invariants.check(credits.isPositive() && !revenue.isNegative(), () -> "a draw takes credits and releases no negative cash");
    }
}
