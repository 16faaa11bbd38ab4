package com.creditledger.kernel.grant;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/** A grant above the approval threshold, waiting for a second key (maker–checker); no credit yet. */
public record GrantRequested(String accountId, String grantId, Credits credits, String reason, Instant expiresAt,
                             int priority, Instant requestedAt, String requestedBy, String requestDigest) {
}
