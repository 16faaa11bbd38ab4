package com.creditledger.kernel.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount of credit in nano-credits (9 fractional digits, docs/domain.md, units).
 * A {@code long} keeps arithmetic exact and cheap on the hot debit path; its range (±9.2 billion
 * credits) is far beyond any single account, and input above {@link #MAX} is rejected at the edge.
 */
public record Credits(long nanos) implements Comparable<Credits> {

    public static final int SCALE = 9;
    public static final Credits ZERO = new Credits(0);
    /** The largest amount accepted in one request; keeps every sum of a few of them inside a long. */
    public static final Credits MAX = new Credits(1_000_000_000L * 1_000_000_000L);

    /** Exact conversion; more than 9 fractional digits is an error, never silently rounded. */
    public static Credits of(BigDecimal value) {
        return new Credits(value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
    }

    /** Rounds HALF_UP to the nano-credit: the one place where usage amounts get rounded (docs/domain.md, units). */
    public static Credits roundedFrom(BigDecimal value) {
        return new Credits(value.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact());
    }

    @JsonCreator
    public static Credits parse(String value) {
        return of(new BigDecimal(value));
    }

    public static Credits of(String value) {
        return parse(value);
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(nanos, SCALE);
    }

    public Credits plus(Credits other) {
        return new Credits(Math.addExact(nanos, other.nanos));
    }

    public Credits minus(Credits other) {
        return new Credits(Math.subtractExact(nanos, other.nanos));
    }

    public Credits min(Credits other) {
        return nanos <= other.nanos ? this : other;
    }

    public Credits max(Credits other) {
        return nanos >= other.nanos ? this : other;
    }

    public boolean isZero() {
        return nanos == 0;
    }

    public boolean isPositive() {
        return nanos > 0;
    }

    public boolean isNegative() {
        return nanos < 0;
    }

    public boolean exceeds(Credits other) {
        return nanos > other.nanos;
    }

    @Override
    public int compareTo(Credits other) {
        return Long.compare(nanos, other.nanos);
    }

    /** Plain decimal, trailing zeros dropped down to two places: "1058.94", "0.000000140". */
    @JsonValue
    @Override
    public String toString() {
        BigDecimal plain = toBigDecimal().stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }
}
