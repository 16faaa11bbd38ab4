package com.creditledger.query.economics;

import com.creditledger.kernel.value.Credits;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The burn per day over a window, for accounts older and younger than it. */
class BurnRateTest {

    private static final Instant AS_OF = Instant.parse("2025-06-30T00:00:00Z");

    @Test
    void anOldAccountIsMeasuredOverTheWholeWindow() {
        // 1,924.80 in 90 days = 21.386666… a day
        assertThat(perDay("1924.80", "2024-01-01T00:00:00Z")).isEqualByComparingTo("21.386666666666666667");
    }

    @Test
    void aYoungerAccountIsMeasuredOverItsLife() {
        // opened 30 days before: 641.60 ÷ 30 = 21.386666… a day, not ÷ 90
        assertThat(perDay("641.60", "2025-05-31T00:00:00Z")).isEqualByComparingTo("21.386666666666666667");
    }

    @Test
    void aBrandNewAccountIsMeasuredOverAWeekAtLeast() {
        // one call of 0.336 a minute after opening: 0.336 ÷ 7 = 0.048 a day, not 483.84
        assertThat(perDay("0.336", "2025-06-29T23:59:00Z")).isEqualByComparingTo("0.048");
    }

    private static BigDecimal perDay(String used, String openedAt) {
        return AccountEconomics.perDay(Credits.of(used), Instant.parse(openedAt), AS_OF, AccountEconomics.LONG_WINDOW);
    }
}
