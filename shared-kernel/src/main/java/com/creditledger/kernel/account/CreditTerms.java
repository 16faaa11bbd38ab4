package com.creditledger.kernel.account;

import java.time.Period;

/** How long purchased (principal) and bonus credit stay valid after purchase. */
public record CreditTerms(Period principalValidity, Period bonusValidity) {

    public static final CreditTerms DEFAULT = new CreditTerms(Period.ofMonths(12), Period.ofMonths(12));
}
