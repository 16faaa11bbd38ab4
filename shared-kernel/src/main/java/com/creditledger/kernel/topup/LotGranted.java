package com.creditledger.kernel.topup;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * One lot created by a top-up. {@code overageNetted} credits of it went to cover a negative
 * balance (docs/domain.md, overage settlement) and carry no cash; the rest carry {@code allocatedCash} at the pooled price.
 */
public record LotGranted(String lotId,
                         LotKind kind,
                         Credits credits,
                         Credits overageNetted,
                         Money allocatedCash,
                         Instant grantedAt,
                         Instant expiresAt,
                         int priority) {

    public LotGranted {
        Invariants.check(credits.isPositive() && !overageNetted.isNegative() && !overageNetted.exceeds(credits),
                () -> "lot " + lotId + " grants credits, of which at most all netted overage");
        Invariants.check(!allocatedCash.isNegative(), () -> "lot " + lotId + " carries no negative cash");
        Invariants.check(expiresAt.isAfter(grantedAt), () -> "lot " + lotId + " expires after it is granted");
    }

    /** The credits that carry the lot's cash: the G of f(R) of cumulative rounding. */
    public Credits cashBearingCredits() {
        return credits.minus(overageNetted);
    }
}
