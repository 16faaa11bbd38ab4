package com.creditledger.command.model.hold;

import com.creditledger.kernel.value.Credits;

import java.time.Instant;

/**
 * A hold that ended, as much as a retry of its reservation needs: the fingerprint of the request
 * that took it and what it answered, and how it ended (a capture after expiry is charged anyway).
 */
public record ClosedHold(String reservationId, String requestDigest, Credits held, Instant expiresAt, Ending ending) {

    public enum Ending { CAPTURED, RELEASED, EXPIRED }
}
