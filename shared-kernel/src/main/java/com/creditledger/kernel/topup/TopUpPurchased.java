package com.creditledger.kernel.topup;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.util.List;

/**
 * Cash received and the lots it bought. {@code receivableSettled} is the part of the cash that
 * settled an overage receivable at face value before the rest was allocated to the lots.
 */
public record TopUpPurchased(String accountId,
                             String topUpId,
                             Money amount,
                             String paymentReference,
                             Instant purchasedAt,
                             Credits bonusCredits,
                             Credits totalCredits,
                             Credits overageNetted,
                             Money receivableSettled,
                             List<LotGranted> lots,
                             String requestDigest) {

    /** The cash is allocated to the lots or settles the receivable, to the cent; the lots hold the credits. */
    public TopUpPurchased {
        Money allocated = lots.stream().map(LotGranted::allocatedCash).reduce(Money.ZERO, Money::plus);
        Invariants.check(allocated.plus(receivableSettled).equals(amount), () -> "allocated " + allocated + " + settled "
                + receivableSettled + " = paid " + amount + " of top-up " + topUpId);
        Invariants.check(lots.stream().map(LotGranted::credits).reduce(Credits.ZERO, Credits::plus).equals(totalCredits),
                () -> "the lots of top-up " + topUpId + " hold its " + totalCredits + " credits");
        Invariants.check(lots.stream().map(LotGranted::overageNetted).reduce(Credits.ZERO, Credits::plus)
                .equals(overageNetted), () -> "the lots of top-up " + topUpId + " net its overage " + overageNetted);
        Invariants.check(!bonusCredits.isNegative() && !bonusCredits.exceeds(totalCredits), () -> "bonus within the credits");
        lots = List.copyOf(lots);
    }
}
