package com.creditledger.kernel.value;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void proportionRoundsHalfUpInExactRationalArithmetic() {
        Money cash = Money.of("999.00");
        long granted = Credits.of("1058.94").nanos();
        assertThat(cash.proportion(Credits.of("1").nanos(), granted)).isEqualTo(Money.of("0.94"));
        assertThat(cash.proportion(Credits.of("2").nanos(), granted)).isEqualTo(Money.of("1.89"));
        assertThat(Money.of("99.00").proportion(Credits.of("19.80").nanos(), Credits.of("118.80").nanos()))
                .as("exactly half a cent rounds up").isEqualTo(Money.of("16.50"));
        assertThat(Money.of("0.01").proportion(1, 2)).isEqualTo(Money.of("0.01"));
        assertThat(Money.of("0.01").proportion(1, 3)).isEqualTo(Money.ZERO);
    }

    @Test
    void faceValueOfCreditsRoundsHalfUpToTheCent() {
        assertThat(Money.faceValueOf(Credits.of("1.005"))).isEqualTo(Money.of("1.01"));
        assertThat(Money.faceValueOf(Credits.of("1.004999999"))).isEqualTo(Money.of("1.00"));
    }

    @Test
    void fractionsBeyondTheScaleAreRefusedNotRounded() {
        assertThatThrownBy(() -> Money.of("1.001")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Credits.of("1.0000000001")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void amountsPrintAsPlainDecimals() {
        assertThat(Credits.of("1058.940000000")).hasToString("1058.94");
        assertThat(Credits.of("0.00000014")).hasToString("0.00000014");
        assertThat(Credits.of("-10")).hasToString("-10.00");
        assertThat(Money.of("5")).hasToString("5.00");
    }
}
