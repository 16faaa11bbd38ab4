package com.creditledger.kernel.topup;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Bonus credit for a top-up (docs/domain.md, lots): a top-up whose amount equals a pack gets that pack's bonus
 * percentage, rounded to the cent; any other amount gets none.
 */
public record BonusSchedule(Map<Money, BigDecimal> bonusPercentByPack) {

    /** The published AI-API packs: 99 → +20%, 499 → +4%, 999 → +6%, 4,999 → +8%, 9,999 → +10%. */
    public static final BonusSchedule STANDARD = new BonusSchedule(Map.of(
            Money.of("99.00"), new BigDecimal("20"),
            Money.of("499.00"), new BigDecimal("4"),
            Money.of("999.00"), new BigDecimal("6"),
            Money.of("4999.00"), new BigDecimal("8"),
            Money.of("9999.00"), new BigDecimal("10")));

    public BonusSchedule {
        bonusPercentByPack = Map.copyOf(bonusPercentByPack);
    }

    public Credits bonusFor(Money amount) {
        BigDecimal percent = bonusPercentByPack.get(amount);
        if (percent == null) {
            return Credits.ZERO;
        }
        return Credits.of(amount.toBigDecimal().multiply(percent)
                .divide(BigDecimal.valueOf(100), Money.SCALE, RoundingMode.HALF_UP));
    }
}
