package com.creditledger.query.economics;

import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Optional;

/**
 * The top-up to recommend: enough credit for one to three months of measured spend, so little is
 * left to expire and the customer is not back in a week. Among the packs whose credits cover between
 * one and three months (both ends included), the one with the highest bonus, then the larger; when
 * no pack falls in that range, the pack nearest to it in months covered (a pack covering 0.8 months
 * is 0.2 away, one covering 3.4 is 0.4 away), then the higher bonus. No spend measured, no
 * recommendation.
 */
public final class TopUpSizing {

    static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);
    private static final BigDecimal FEWEST_MONTHS = BigDecimal.ONE;
    private static final BigDecimal MOST_MONTHS = BigDecimal.valueOf(3);

    /** A pack of the bonus schedule: its cash, its credits and its bonus percentage. */
    public record Pack(Money amount, Credits credits, BigDecimal bonusPercent) {
    }

    /** The pack recommended for a monthly spend, and how many months it covers. */
    public record Recommendation(Credits monthlySpend, Credits sizedFrom, Credits sizedTo, Pack pack,
                                 BigDecimal monthsCovered) {
    }

    private TopUpSizing() {
    }

    public static Optional<Recommendation> recommend(BigDecimal creditsPerDay, BonusSchedule schedule) {
        Credits monthly = Credits.roundedFrom(creditsPerDay.multiply(DAYS_PER_MONTH));
        if (!monthly.isPositive()) {
            return Optional.empty();
        }
        Comparator<Pack> higherBonusThenLarger = Comparator.comparing(Pack::bonusPercent).thenComparing(Pack::credits);
        return schedule.bonusPercentByPack().entrySet().stream()
                .map(pack -> new Pack(pack.getKey(), Credits.of(pack.getKey().toBigDecimal()).plus(
                        schedule.bonusFor(pack.getKey())), pack.getValue()))
                .min(Comparator.<Pack, BigDecimal>comparing(pack -> distanceFromRange(months(pack, monthly, Credits.SCALE)))
                        .thenComparing(higherBonusThenLarger.reversed()))
                .map(pack -> new Recommendation(monthly, monthly, Credits.roundedFrom(monthly.toBigDecimal()
                        .multiply(MOST_MONTHS)), pack, months(pack, monthly, 2)));
    }

    private static BigDecimal months(Pack pack, Credits monthly, int scale) {
        return pack.credits().toBigDecimal().divide(monthly.toBigDecimal(), scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal distanceFromRange(BigDecimal months) {
        if (months.compareTo(FEWEST_MONTHS) < 0) {
            return FEWEST_MONTHS.subtract(months);
        }
        return months.compareTo(MOST_MONTHS) > 0 ? months.subtract(MOST_MONTHS) : BigDecimal.ZERO;
    }
}
