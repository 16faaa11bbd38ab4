package com.creditledger.kernel.alert;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/** The month's spend (debits and holds) reached {@code percent} of the monthly limit: once per threshold per month. */
public record SpendThresholdReached(String accountId,
                                    int percent,
                                    Credits spent,
                                    Credits limit,
                                    String month,
                                    Instant reachedAt) {
}
