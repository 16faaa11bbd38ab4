package com.creditledger.kernel.plan;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * From the month starting at {@code startsAt}, each month bills {@code monthlyFee} and grants
 * {@code includedCredits}; {@code nextRenewal} is the next month the account will bill (YYYY-MM).
 */
public record PlanSet(String accountId, Money monthlyFee, Credits includedCredits, Instant startsAt, int netDays,
                      Instant setAt, String nextRenewal) {

    /** The same terms once the account has worked out which month bills next under them. */
    public PlanSet renewingIn(String month) {
        return new PlanSet(accountId, monthlyFee, includedCredits, startsAt, netDays, setAt, month);
    }
}
