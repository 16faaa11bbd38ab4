package com.creditledger.kernel.plan;

import java.time.Instant;

/** No month from {@code endsAt} (a UTC month start) is billed; the month under way keeps its credits. */
public record PlanCancelled(String accountId, Instant endsAt, Instant cancelledAt, String nextRenewal) {
}
