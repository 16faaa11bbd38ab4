package com.creditledger.command.model.simulation;

import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.topup.BonusSchedule;

import java.time.Period;

/**
 * The terms a history is replayed under. {@code prices} null: every call costs what it was charged.
 * A validity left null is the account's own, except that a bonus without a validity of its own
 * follows a principal validity that was given.
 */
public record SimulationTerms(PriceList prices, BillingMode billing, BonusSchedule packs, Period principalValidity,
                              Period bonusValidity) {

    CreditTerms validitiesFor(CreditTerms account) {
        if (principalValidity == null && bonusValidity == null) {
            return account;
        }
        Period principal = principalValidity != null ? principalValidity : account.principalValidity();
        Period bonus = bonusValidity != null ? bonusValidity
                : principalValidity != null ? principalValidity : account.bonusValidity();
        return new CreditTerms(principal, bonus);
    }
}
