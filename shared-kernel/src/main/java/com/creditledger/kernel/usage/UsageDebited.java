package com.creditledger.kernel.usage;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.util.List;

/**
 * One API call charged. Prepaid usage draws from lots; what lots do not cover is {@code overage}
 * (revenue at list price against the overage receivable). Postpaid usage draws nothing and its
 * whole amount is {@code postpaidRevenue} against unbilled receivables.
 */
public record UsageDebited(String accountId,
                           String idempotencyKey,
                           String requestId,
                           String apiKeyId,
                           String model,
                           TokenCounts tokens,
                           Pricing pricing,
                           Credits amount,
                           Instant occurredAt,
                           List<Draw> draws,
                           Credits overage,
                           Money overageRevenue,
                           Money postpaidRevenue,
                           String requestDigest) {
}
