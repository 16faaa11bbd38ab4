package com.creditledger.command.model.lot;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.lot.CumulativeRounding;
import com.creditledger.kernel.lot.LotUsability;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * A lot of credit inside an account, as its events left it: what is left of it, how much of that
 * open holds keep for their calls, and whether it has expired. Immutable: a release, a hold or an
 * expiry is a new state. Cash is released by {@link CumulativeRounding} over its cash-bearing
 * credits; it is usable by {@link LotUsability}; only its {@link #free()} credit can be drawn.
 */
public record Lot(String lotId, String topUpId, LotKind kind, int priority, Instant grantedAt, Instant expiresAt,
                  Credits cashBearing, Money allocatedCash, Credits remaining, Credits held, boolean expired) {

    public Lot {
        held = held == null ? Credits.ZERO : held; // snapshots taken before holds existed
        Invariants.check(!remaining.isNegative() && !remaining.exceeds(cashBearing),
                () -> "lot " + lotId + " has between none and all of its " + cashBearing + " credits left, not " + remaining);
        Credits kept = held;
        Invariants.check(!kept.isNegative() && !kept.exceeds(remaining),
                () -> "lot " + lotId + " holds between none and all of its " + remaining + " credits left, not " + kept);
    }

    /** What is left and not kept for an open hold: the credit a debit, a new hold or a refund may take. */
    public Credits free() {
        return remaining.minus(held);
    }

    /** Whether this lot may back a hold taken at {@code at} until {@code holdExpiresAt}. */
    public boolean canBackHold(Instant at, Instant holdExpiresAt) {
        return isEligibleAt(at) && !expiresAt.isBefore(holdExpiresAt);
    }

    public Lot withHeld(Credits newHeld) {
        return new Lot(lotId, topUpId, kind, priority, grantedAt, expiresAt, cashBearing, allocatedCash, remaining,
                newHeld, expired);
    }

    public static Lot granted(String topUpId, LotGranted granted) {
        return new Lot(granted.lotId(), topUpId, granted.kind(), granted.priority(), granted.grantedAt(),
                granted.expiresAt(), granted.cashBearingCredits(), granted.allocatedCash(),
                granted.cashBearingCredits(), Credits.ZERO, false);
    }

    /** Usable for a call that occurred at {@code at}: not expired, not empty, and usable then. */
    public boolean isEligibleAt(Instant at) {
        return !expired && free().isPositive() && LotUsability.usableAt(grantedAt, expiresAt, at);
    }

    /** Refundable at {@code at}: not expired, not empty, and not yet at its expiry. */
    public boolean isRefundableAt(Instant at) {
        return !expired && free().isPositive() && LotUsability.refundableAt(expiresAt, at);
    }

    /** The cash that releasing {@code credits} more of this lot would recognize: f(R + x) − f(R). */
    public Money cashReleasedBy(Credits credits) {
        return CumulativeRounding.releasing(allocatedCash, cashBearing, cashBearing.minus(remaining), credits);
    }

    public Lot afterRelease(Credits credits) {
        Invariants.check(credits.isPositive(), () -> "lot " + lotId + " releases a positive amount, not " + credits);
        return new Lot(lotId, topUpId, kind, priority, grantedAt, expiresAt, cashBearing, allocatedCash,
                remaining.minus(credits), held, expired);
    }

    public Lot afterExpiry() {
        return new Lot(lotId, topUpId, kind, priority, grantedAt, expiresAt, cashBearing, allocatedCash,
                Credits.ZERO, Credits.ZERO, true);
    }
}
