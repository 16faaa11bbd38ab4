package com.creditledger.kernel.usage;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/**
 * One API call to charge, already priced. {@code pricing} is null when the caller sent a
 * pre-priced {@code amount}. {@code requestDigest} fingerprints the request as sent for idempotency.
 * A capture names the hold it charges ({@code reservationId}) and whether it is the last one.
 */
public record UsageRecord(String idempotencyKey,
                          String requestId,
                          String apiKeyId,
                          String model,
                          TokenCounts tokens,
                          Pricing pricing,
                          Credits amount,
                          Instant occurredAt,
                          String requestDigest,
                          String reservationId,
                          boolean finalCapture) {

    /** An ordinary debit, not against a hold. */
    public UsageRecord(String idempotencyKey, String requestId, String apiKeyId, String model, TokenCounts tokens,
                       Pricing pricing, Credits amount, Instant occurredAt, String requestDigest) {
        this(idempotencyKey, requestId, apiKeyId, model, tokens, pricing, amount, occurredAt, requestDigest, null, true);
    }

    public boolean isCapture() {
        return reservationId != null;
    }
}
