package com.creditledger.kernel.period;

import java.time.Instant;

/** {@code period} is open again: events recorded from here on post in it; what was posted elsewhere stays there. */
public record PeriodReopened(String period, String reason, String requestedBy, String approvedBy, Instant reopenedAt) {
}
