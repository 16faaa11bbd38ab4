package com.creditledger.query.journal;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The breakage a lot should have accrued under the proportional method with approved breakage
 * rate b (docs/accounting.md, breakage): K = round_half_up(p × min(U × b ÷ (1 − b), remaining)), capped at the lot's
 * deferred revenue A − f(R), with p = A ÷ G, all in exact rational arithmetic.
 */
public record ProportionalBreakage(BigDecimal rate) {

    public ProportionalBreakage {
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("the breakage rate must be in [0, 1), not " + rate);
        }
    }

    public Money target(Money cash, Credits cashBearing, Credits used, Credits remaining, Money released) {
        BigInteger b = rate.unscaledValue();
        BigInteger oneMinusB = BigInteger.TEN.pow(Math.max(rate.scale(), 0)).subtract(b);
        BigInteger expectedTimesDenominator = BigInteger.valueOf(used.nanos()).multiply(b);
        BigInteger remainingTimesDenominator = BigInteger.valueOf(remaining.nanos()).multiply(oneMinusB);
        BigInteger g = BigInteger.valueOf(cashBearing.nanos());
        Money k = expectedTimesDenominator.compareTo(remainingTimesDenominator) <= 0
                ? cash.proportion(expectedTimesDenominator, g.multiply(oneMinusB))
                : cash.proportion(BigInteger.valueOf(remaining.nanos()), g);
        return k.min(cash.minus(released));
    }
}
