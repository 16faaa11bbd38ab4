package com.creditledger.command.model.simulation;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One account's month under some terms: what the customer paid ({@code cost}: top-up cash, plan
 * fees, or postpaid usage at list price), the credits used, expired and left uncovered (a call the
 * credit could not pay for: refused or overage, depending on the account), and the revenue recognized:
 * usage revenue and breakage. Immutable; {@link #plus} adds.
 */
public record MonthFigures(Money cost, Credits creditsUsed, Credits creditsExpired, Credits creditsUncovered,
                           Money usageRevenue, Money breakage, Money refunded) {

    public static final MonthFigures NONE = new MonthFigures(Money.ZERO, Credits.ZERO, Credits.ZERO, Credits.ZERO,
            Money.ZERO, Money.ZERO, Money.ZERO);

    public Money revenue() {
        return usageRevenue.plus(breakage);
    }

    public MonthFigures plus(MonthFigures other) {
        return new MonthFigures(cost.plus(other.cost), creditsUsed.plus(other.creditsUsed),
                creditsExpired.plus(other.creditsExpired), creditsUncovered.plus(other.creditsUncovered),
                usageRevenue.plus(other.usageRevenue), breakage.plus(other.breakage), refunded.plus(other.refunded));
    }

    /** The UTC calendar month of a business time. */
    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /** Adds {@code figures} to the month of {@code at}. */
    public static void addTo(Map<YearMonth, MonthFigures> months, Instant at, MonthFigures figures) {
        months.merge(monthOf(at), figures, MonthFigures::plus);
    }

    public static MonthFigures paid(Money cash) {
        return new MonthFigures(cash, Credits.ZERO, Credits.ZERO, Credits.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
    }

    public static MonthFigures used(Credits credits, Credits uncovered, Money revenue) {
        return new MonthFigures(Money.ZERO, credits, Credits.ZERO, uncovered, revenue, Money.ZERO, Money.ZERO);
    }

    public static MonthFigures expired(Credits credits, Money breakage) {
        return new MonthFigures(Money.ZERO, Credits.ZERO, credits, Credits.ZERO, Money.ZERO, breakage, Money.ZERO);
    }

    public static MonthFigures refunded(Money cash) {
        return new MonthFigures(Money.ZERO, Credits.ZERO, Credits.ZERO, Credits.ZERO, Money.ZERO, Money.ZERO, cash);
    }
}
