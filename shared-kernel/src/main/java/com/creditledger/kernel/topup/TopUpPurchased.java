package com.creditledger.kernel.topup;

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
}
