package com.creditledger.kernel.recharge;

import com.creditledger.kernel.Invariants;

import java.time.Instant;

/** The provider could not charge for request {@code requestId}; {@code consecutiveFailures} counts this one. */
public record AutoRechargeFailed(String accountId, String requestId, String reason, int consecutiveFailures,
                                 Instant failedAt) {

    public AutoRechargeFailed {
        Invariants.check(consecutiveFailures >= 1, () -> "a failure counts itself");
    }
}
