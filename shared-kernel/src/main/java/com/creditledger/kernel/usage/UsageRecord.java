package com.creditledger.kernel.usage;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/**
 * One API call to charge, already priced. {@code pricing} is null when the caller sent a
 * pre-priced {@code amount}. {@code requestDigest} fingerprints the request as sent for idempotency.
 */
public record UsageRecord(String idempotencyKey,
                          String requestId,
                          String apiKeyId,
                          String model,
                          TokenCounts tokens,
                          Pricing pricing,
                          Credits amount,
                          Instant occurredAt,
                          String requestDigest) {
}
