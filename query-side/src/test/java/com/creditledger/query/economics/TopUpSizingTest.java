package com.creditledger.query.economics;

import com.creditledger.kernel.topup.BonusSchedule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

/** The sizing rule at its edges, with the standard packs: 118.80, 518.96, 1,058.94, 5,398.92 and 10,998.90 credits. */
class TopUpSizingTest {

    @Test
    void aPackCoveringExactlyOneOrExactlyThreeMonthsIsInRange() {
        // 1,058.94 a month: the $999 pack covers exactly 1.00 month, the $4,999 pack 5.10; $999 is in range
        assertThat(packFor("1058.94")).isEqualTo("999.00");
        // 352.98 a month: $999 covers exactly 3.00 months (in range, 6%), $499 1.47 (in range, 4%): the higher bonus wins
        assertThat(packFor("352.98")).isEqualTo("999.00");
        // 352.97 a month: $999 covers 3.000028 months, just past the range; $499 (1.47) is the only pack in it
        assertThat(packFor("352.97")).isEqualTo("499.00");
    }

    @Test
    void withNoPackInRangeTheNearestIsRecommended() {
        // 154.00 a month: $99 covers 0.77 (0.23 short), $499 3.37 (0.37 over)
        assertThat(packFor("154.00")).isEqualTo("99.00");
        // 20,000.00 a month: even $9,999 (0.55 months) falls short; it is the nearest
        assertThat(packFor("20000.00")).isEqualTo("9999.00");
        // 30.00 a month: $99 covers 3.96 months, the nearest of all
        assertThat(packFor("30.00")).isEqualTo("99.00");
    }

    @Test
    void noSpendNoRecommendation() {
        assertThat(TopUpSizing.recommend(BigDecimal.ZERO, BonusSchedule.STANDARD)).isEmpty();
    }

    @Test
    void theAnswerSaysWhatItWasSizedFor() {
        TopUpSizing.Recommendation recommendation = TopUpSizing.recommend(perDay("641.60"), BonusSchedule.STANDARD)
                .orElseThrow();
        assertThat(recommendation.monthlySpend()).hasToString("641.60");
        assertThat(recommendation.sizedTo()).hasToString("1924.80");
        assertThat(recommendation.pack().credits()).hasToString("1058.94");
        assertThat(recommendation.monthsCovered()).isEqualByComparingTo("1.65");
    }

    private static String packFor(String monthly) {
        return TopUpSizing.recommend(perDay(monthly), BonusSchedule.STANDARD).orElseThrow().pack().amount().toString();
    }

    private static BigDecimal perDay(String monthly) {
        return new BigDecimal(monthly).divide(TopUpSizing.DAYS_PER_MONTH, 18, RoundingMode.HALF_UP);
    }
}
