package com.creditledger.kernel.reservation;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.usage.Pricing;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/**
 * Credit held for a streaming call until {@code expiresAt}. No money moves: the held credit stays
 * in its lots (earmarked) and posts no journal line; it is only unavailable to other debits and holds.
 */
public record CreditReserved(String accountId,
                             String reservationId,
                             String model,
                             TokenCounts tokens,
                             Pricing pricing,
                             Credits held,
                             Backing backing,
                             Instant occurredAt,
                             Instant expiresAt,
                             String requestDigest) {

    public CreditReserved {
        Invariants.check(held.isPositive() && backing.total().equals(held),
                () -> "hold " + reservationId + " of " + held + " is backed by exactly that, not " + backing.total());
        Invariants.check(expiresAt.isAfter(occurredAt), () -> "hold " + reservationId + " expires after it is taken");
    }
}
