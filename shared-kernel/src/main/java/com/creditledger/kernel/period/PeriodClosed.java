package com.creditledger.kernel.period;

import com.creditledger.kernel.Invariants;

import java.time.Instant;

/**
 * {@code period} and every month before it are closed: an event recorded from here on whose business
 * time falls in a closed month is posted in the first open month and keeps its business time.
 * {@code reportDigest} is the SHA-256 of the period's roll-forward and trial balance as published at
 * the close; they never change afterwards.
 */
public record PeriodClosed(String period, String closedBy, String reportDigest, Instant closedAt) {

    public PeriodClosed {
        Invariants.check(Books.parse(period).isPresent() && reportDigest != null && reportDigest.length() == 64,
                () -> "a close names its period and the digest of its report");
    }
}
