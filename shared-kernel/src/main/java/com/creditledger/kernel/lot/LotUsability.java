package com.creditledger.kernel.lot;

import java.time.Instant;

/**
 * When a lot's credit counts. A call that occurred at t may draw a lot granted by t and not expired
 * at t (expiry is at {@code expiresAt} exactly); a refund at t may take a lot not expired at t,
 * whenever it was granted. The command side decides with these, the query side shows balances with
 * the same rule.
 */
public final class LotUsability {

    private LotUsability() {
    }

    public static boolean usableAt(Instant grantedAt, Instant expiresAt, Instant at) {
        return !grantedAt.isAfter(at) && at.isBefore(expiresAt);
    }

    public static boolean refundableAt(Instant expiresAt, Instant at) {
        return at.isBefore(expiresAt);
    }
}
