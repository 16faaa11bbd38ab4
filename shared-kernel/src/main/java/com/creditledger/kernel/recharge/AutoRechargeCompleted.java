package com.creditledger.kernel.recharge;

import com.creditledger.kernel.value.Money;

import java.time.Instant;

/** The provider charged the card: top-up {@code topUpId} paid {@code amount} for request {@code requestId}. */
public record AutoRechargeCompleted(String accountId, String requestId, String topUpId, Money amount,
                                    Instant completedAt) {
}
