package com.creditledger.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{previous, aggregateId, Long.toString(sequence), eventId, payloadType}) {
                sha256.update(part.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            sha256.update(payload);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
