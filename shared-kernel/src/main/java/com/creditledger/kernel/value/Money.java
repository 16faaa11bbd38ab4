package com.creditledger.kernel.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Cash, revenue and deferred revenue: exact to the cent (docs/domain.md, units), held as a count of cents. */
public record Money(long cents) implements Comparable<Money> {

    public static final int SCALE = 2;
    public static final Money ZERO = new Money(0);
    /** The largest single amount accepted at the edge (one billion in the account's currency). */
    public static final Money MAX = new Money(100_000_000_000L);

    /** Exact conversion; fractions of a cent are an error, never silently rounded. */
    public static Money of(BigDecimal value) {
        return new Money(value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
    }

    @JsonCreator
    public static Money parse(String value) {
        return of(new BigDecimal(value));
    }

    public static Money of(String value) {
        return parse(value);
    }

    /** The face value of credits (1 credit = 1 currency unit), rounded HALF_UP to the cent. */
    public static Money faceValueOf(Credits credits) {
        return new Money(BigDecimal.valueOf(credits.nanos(), Credits.SCALE)
                .setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact());
    }

    /** round_half_up(this × numerator ÷ denominator) in exact rational arithmetic. */
    public Money proportion(long numerator, long denominator) {
        return proportion(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    public Money proportion(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() == 0) {
            return ZERO;
        }
        BigInteger[] qr = BigInteger.valueOf(cents).multiply(numerator).divideAndRemainder(denominator);
        BigInteger quotient = qr[0];
        // Half-up: round away from zero when 2·|remainder| ≥ |denominator|.
        if (qr[1].abs().shiftLeft(1).compareTo(denominator.abs()) >= 0) {
            quotient = quotient.add(BigInteger.valueOf((long) qr[1].signum() * denominator.signum()));
        }
        return new Money(quotient.longValueExact());
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(cents, SCALE);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    public Money min(Money other) {
        return cents <= other.cents ? this : other;
    }

    public boolean isZero() {
        return cents == 0;
    }

    public boolean isPositive() {
        return cents > 0;
    }

    public boolean isNegative() {
        return cents < 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(cents, other.cents);
    }

    @JsonValue
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
