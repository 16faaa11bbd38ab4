package com.creditledger.command.model.simulation;

import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.topup.BonusSchedule;

/**
 * The terms a history is replayed under. {@code prices} null: every call costs what it was charged.
 * {@code creditTerms} null: each account's own validities.
 */
public record SimulationTerms(PriceList prices, BillingMode billing, BonusSchedule packs, CreditTerms creditTerms) {
}
