package com.creditledger.query.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long to wait before attempt n + 1 after attempt n failed; after the last wait, the message is
 * given up. By default 5 s, 5 min, 30 min, 2 h, 5 h, 10 h: seven attempts over about 17.6 hours.
 */
public record RetrySchedule(List<Duration> waits) {

    public static final RetrySchedule STANDARD = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10)));

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (waits.stream().anyMatch(wait -> wait.isNegative() || wait.isZero())) {
            throw new IllegalArgumentException("every wait of the retry schedule must be positive: " + waits);
        }
    }

    /** @param failedAttempts attempts made so far, all failed (at least one) */
    public Optional<Duration> waitAfter(int failedAttempts) {
        return failedAttempts <= waits.size() ? Optional.of(waits.get(failedAttempts - 1)) : Optional.empty();
    }
}
