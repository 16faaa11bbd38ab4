package com.creditledger.kernel;

/**
 * Tamper evidence (SPEC §5): each event of an aggregate is chained to the one before it by
 * hash = SHA-256(previous hash ‖ aggregate id ‖ sequence ‖ event id ‖ payload type ‖ payload bytes as
 * stored). Changing, removing or reordering any stored event breaks every link from it on.
 */
public final class HashChain {

    /** The "previous hash" of an aggregate's first event. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    public static String next(String previous, String aggregateId, long sequence, String eventId, String payloadType,
                              byte[] payload) {
        Sha256 sha256 = Sha256.digest();
        for (String part : new String[]{previous, aggregateId, Long.toString(sequence), eventId, payloadType}) {
            sha256.text(part).separator((byte) 0);
        }
        return sha256.bytes(payload).hex();
    }
}
