package com.creditledger.kernel.lot;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

/**
 * Cumulative rounding: cash is recognized in whole cents without drift. After R of a lot's G credits
 * are released, f(R) = round_half_up(A × R ÷ G) of its cash A is; each release recognizes
 * f(R_after) − f(R_before), so a fully released lot has recognized exactly A whatever the sizes of
 * the single releases. Credits charged at list price (overage, postpaid usage) are rounded the same
 * way over the account's running total at face value.
 */
public final class CumulativeRounding {

    private CumulativeRounding() {
    }

    /** f(R): the cash of a lot of {@code credits} for {@code cash} recognized once {@code released} are. */
    public static Money recognized(Money cash, Credits credits, Credits released) {
        return cash.proportion(released.nanos(), credits.nanos());
    }

    /** f(R + more) − f(R): what releasing {@code more} credits after {@code releasedBefore} recognizes. */
    public static Money releasing(Money cash, Credits credits, Credits releasedBefore, Credits more) {
        return recognized(cash, credits, releasedBefore.plus(more)).minus(recognized(cash, credits, releasedBefore));
    }

    /** What charging {@code more} credits at list price recognizes after {@code chargedBefore} were. */
    public static Money atListPrice(Credits chargedBefore, Credits more) {
        return Money.faceValueOf(chargedBefore.plus(more)).minus(Money.faceValueOf(chargedBefore));
    }
}
