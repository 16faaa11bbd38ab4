package com.creditledger.query.economics;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.lot.CumulativeRounding;
import com.creditledger.kernel.lot.DrawOrder;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.balance.LotStates.LotState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which live credit the measured burn will not reach before it expires. The account's live lots are
 * walked in consumption order with a time cursor that starts at {@code asOf} and advances by the
 * days each lot takes to use up at the burn rate: a lot gets what the burn can draw from it before
 * it expires, and the rest is at risk, lost at the lot's expiry, with the deferred revenue behind it
 * (what the lot would release as breakage: its cash less f(credits released by then), §cumulative
 * rounding). With no burn at all, every live credit is at risk.
 */
public final class CreditsAtRisk {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    /** What the burn takes from one lot and what it leaves to expire. */
    public record LotOutlook(LotState lot, Credits reached, Credits atRisk, Money deferredAtRisk) {

        public LotOutlook {
            Invariants.check(reached.plus(atRisk).equals(lot.remaining()),
                    () -> "the outlook of lot " + lot.lotId() + " does not add up to its remaining credit");
        }
    }

    /** Every live lot's outlook, and the day the credit that is reached runs out. */
    public record Outlook(List<LotOutlook> lots, BigDecimal daysUntilUsedUp) {

        public Credits atRisk() {
            return lots.stream().map(LotOutlook::atRisk).reduce(Credits.ZERO, Credits::plus);
        }
    }

    private static final Comparator<LotState> DRAW = DrawOrder.of(LotState::priority, LotState::expiresAt,
            lot -> LotKind.valueOf(lot.kind()), LotState::grantedAt, LotState::lotId);

    private CreditsAtRisk() {
    }

    /**
     * @param lots          the account's lots as of {@code asOf}; those used up, expired or not yet granted are skipped
     * @param creditsPerDay the measured burn
     */
    public static Outlook at(Instant asOf, List<LotState> lots, BigDecimal creditsPerDay) {
        List<LotOutlook> outlooks = new ArrayList<>();
        BigDecimal cursor = BigDecimal.ZERO;
        for (LotState lot : lots.stream().filter(lot -> lot.remaining().isPositive() && lot.isUsableAt(asOf))
                .sorted(DRAW).toList()) {
            BigDecimal daysLeft = days(asOf, lot.expiresAt());
            Credits reached = Credits.ZERO;
            if (creditsPerDay.signum() > 0 && daysLeft.compareTo(cursor) > 0) {
                BigDecimal reachable = creditsPerDay.multiply(daysLeft.subtract(cursor));
                reached = lot.remaining().min(Credits.of(reachable.setScale(Credits.SCALE, RoundingMode.DOWN)));
                cursor = cursor.add(reached.toBigDecimal().divide(creditsPerDay, Credits.SCALE, RoundingMode.HALF_UP));
            }
            Credits atRisk = lot.remaining().minus(reached);
            outlooks.add(new LotOutlook(lot, reached, atRisk, deferredBehind(lot, atRisk)));
        }
        return new Outlook(outlooks, cursor);
    }

    /** A lot releases as breakage its cash less what the credits released before expiry recognized. */
    private static Money deferredBehind(LotState lot, Credits atRisk) {
        if (!atRisk.isPositive() || lot.cashBearing().compareTo(atRisk) < 0) {
            return atRisk.isPositive() ? lot.deferred() : Money.ZERO;
        }
        return lot.allocatedCash().minus(CumulativeRounding.recognized(lot.allocatedCash(), lot.cashBearing(),
                lot.cashBearing().minus(atRisk))).min(lot.deferred());
    }

    static BigDecimal days(Instant from, Instant to) {
        return BigDecimal.valueOf(Duration.between(from, to).getSeconds()).divide(SECONDS_PER_DAY, Credits.SCALE,
                RoundingMode.HALF_UP);
    }
}
