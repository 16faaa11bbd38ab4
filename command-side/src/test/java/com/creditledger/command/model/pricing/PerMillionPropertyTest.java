package com.creditledger.command.model.pricing;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The shifted quotient is the divided one to the last digit of scale: events priced before and after hash the same. */
class PerMillionPropertyTest {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    @Property(tries = 3000)
    void aShiftedAmountEqualsTheDividedOneInValueAndScale(
            @ForAll @LongRange(max = 1_000_000_000_000L) long tokens,
            @ForAll @LongRange(max = 10_000_000_000L) long unscaledPrice, @ForAll @IntRange(min = -3, max = 12) int scale) {
        BigDecimal amount = BigDecimal.valueOf(tokens).multiply(BigDecimal.valueOf(unscaledPrice, scale));
        BigDecimal divided = amount.divide(MILLION);
        assertThat(PriceList.perMillion(amount)).isEqualTo(divided).hasScaleOf(divided.scale());
    }

    @Example
    void aThousandTokensAtTwoFiftyCostAQuarterCentAndFourMillionCostTenCreditsToTheCent() {
        assertThat(PriceList.perMillion(new BigDecimal("2500.00")).toPlainString()).isEqualTo("0.0025");
        assertThat(PriceList.perMillion(new BigDecimal("10000000.00")).toPlainString()).isEqualTo("10.00");
        assertThat(PriceList.perMillion(new BigDecimal("0.00")).toPlainString()).isEqualTo("0.00");
    }
}
