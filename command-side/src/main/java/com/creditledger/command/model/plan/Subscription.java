package com.creditledger.command.model.plan;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.plan.PlanSet;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * An account's plan: the terms in force, terms set to replace them from a later month, when it
 * ends, and the last month billed. Changes and cancellations take effect at a month start, never
 * within a month already billed. Immutable.
 */
public record Subscription(PlanSet current, PlanSet next, Instant endsAt, String lastBilled) {

    public static final Subscription NONE = new Subscription(null, null, null, null);

    public static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /**
     * When a month's included credit expires: its last microsecond (the ledger's finest time), so the
     * unused rest is breakage of that month and the next month's lot is the only one from its start.
     */
    public static Instant lastInstantOf(YearMonth month) {
        return startOf(month.plusMonths(1)).minus(1, ChronoUnit.MICROS);
    }

    /** The first month that may still change: after the last billed, and not before {@code now}'s next month start. */
    public YearMonth firstChangeable(Instant now) {
        YearMonth afterNow = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        YearMonth earliest = startOf(afterNow).equals(now) ? afterNow : afterNow.plusMonths(1);
        if (lastBilled != null && !earliest.isAfter(YearMonth.parse(lastBilled))) {
            earliest = YearMonth.parse(lastBilled).plusMonths(1);
        }
        return earliest;
    }

    /** A plan starts at a UTC month start that is still to come (or now) and not yet billed. */
    public void requireStart(Instant startsAt, Instant now) {
        YearMonth month = YearMonth.from(startsAt.atOffset(ZoneOffset.UTC));
        if (!startOf(month).equals(startsAt)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "startsAt", "a plan starts at a UTC month start");
        }
        if (month.isBefore(firstChangeable(now))) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "startsAt",
                    "a plan cannot start in the past or in a month already billed: from " + startOf(firstChangeable(now)));
        }
    }

    /** The terms that bill {@code month}, or null when no plan is in force then. */
    public PlanSet termsFor(YearMonth month) {
        Instant start = startOf(month);
        if (endsAt != null && !start.isBefore(endsAt)) {
            return null;
        }
        if (next != null && !next.startsAt().isAfter(start)) {
            return next;
        }
        return current != null && !current.startsAt().isAfter(start) ? current : null;
    }

    /** The next month to bill (YYYY-MM), or null when none will be. */
    public String nextRenewal() {
        YearMonth candidate = lastBilled != null ? YearMonth.parse(lastBilled).plusMonths(1)
                : current == null ? null : YearMonth.from(current.startsAt().atOffset(ZoneOffset.UTC));
        if (candidate == null) {
            return null;
        }
        if (termsFor(candidate) == null && next != null) {
            candidate = YearMonth.from(next.startsAt().atOffset(ZoneOffset.UTC));
        }
        return termsFor(candidate) == null ? null : candidate.toString();
    }

    public boolean isBilled(YearMonth month) {
        return lastBilled != null && !month.isAfter(YearMonth.parse(lastBilled));
    }

    /** New terms replace those not yet started, or follow those already billed from their own start. */
    public Subscription afterSet(PlanSet set) {
        boolean inForce = current != null && lastBilled != null;
        return inForce ? new Subscription(current, set, null, lastBilled) : new Subscription(set, null, null, lastBilled);
    }

    public Subscription afterCancelled(Instant ends) {
        return new Subscription(current, null, ends, lastBilled);
    }

    public Subscription afterRenewed(YearMonth month) {
        PlanSet terms = termsFor(month);
        return new Subscription(terms, terms == next ? null : next, endsAt, month.toString());
    }
}
