package com.creditledger.kernel.expiry;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * A lot reached its expiry: its remaining credits lapse and its remaining deferred revenue is
 * recognized as breakage. {@code expiredAt} is the lot's expiry instant, whenever this was recorded.
 */
public record CreditExpired(String accountId, String lotId, String topUpId, Credits credits, Money breakage,
                            Instant expiredAt) {

    public CreditExpired {
        Invariants.check(!credits.isNegative() && !breakage.isNegative(), () -> "expiry of lot " + lotId + " is not negative");
    }
}
