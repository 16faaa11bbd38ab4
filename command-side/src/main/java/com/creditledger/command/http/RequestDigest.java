package com.creditledger.command.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The fingerprint of a request as its sender meant it: SHA-256 over its parsed values, so "1.0"
 * and "1.00" are the same request and a retry is recognised; a field left to its default is
 * fingerprinted as absent, so a retry is not told apart by a default that moved (e.g. "now").
 */
public final class RequestDigest {

    private RequestDigest() {
    }

    public static String of(Object... values) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Object value : values) {
                sha256.update(Objects.toString(value, "\u0000").getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
