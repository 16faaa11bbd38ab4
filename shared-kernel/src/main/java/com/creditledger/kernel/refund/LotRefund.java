package com.creditledger.kernel.refund;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

public record LotRefund(String lotId, Credits credits, Money cash) {

    public LotRefund {
        Invariants.check(credits.isPositive() && !cash.isNegative(), () -> "a refund takes credits from lot " + lotId);
    }
}
