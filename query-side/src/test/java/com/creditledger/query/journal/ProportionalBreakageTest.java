package com.creditledger.query.journal;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The proportional-breakage K (docs/accounting.md) on the $999 pack (A = 999.00, G = 1,058.94) with an approved breakage rate of 30%. */
class ProportionalBreakageTest {

    private final ProportionalBreakage thirtyPercent = new ProportionalBreakage(new BigDecimal("0.30"));
    private final Money cash = Money.of("999.00");
    private final Credits granted = Credits.of("1058.94");

    @Test
    void breakageAccruesInProportionToRedemption() {
        // 100 used: expected breakage 100 × 0.3 / 0.7 = 42.857… credits; K = round(999 × 42.857… / 1058.94) = 40.43
        assertThat(thirtyPercent.target(cash, granted, Credits.of("100"), Credits.of("958.94"), Money.of("94.34")))
                .isEqualTo(Money.of("40.43"));
    }

    @Test
    void breakageNeverExceedsWhatIsLeftNorTheDeferredRevenue() {
        // 1,000 used: 428.57… expected > 58.94 remaining, so K = round(999 × 58.94 / 1058.94) = 55.60,
        // below the cap A − f(1000) = 999.00 − 943.39 = 55.61
        assertThat(thirtyPercent.target(cash, granted, Credits.of("1000"), Credits.of("58.94"), Money.of("943.39")))
                .isEqualTo(Money.of("55.60"));
        assertThat(thirtyPercent.target(cash, granted, Credits.of("1000"), Credits.of("58.94"), Money.of("950.00")))
                .as("capped at A − f(R)").isEqualTo(Money.of("49.00"));
    }

    @Test
    void nothingAccruesBeforeAnyUse() {
        assertThat(thirtyPercent.target(cash, granted, Credits.ZERO, granted, Money.ZERO)).isEqualTo(Money.ZERO);
    }
}
