package com.creditledger.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest being fed, read out as lower-case hex: request fingerprints, API key secrets and
 * the hash chain all hash this way, so their stored values stay comparable across modules.
 */
public final class Sha256 {

    private final MessageDigest digest;

    private Sha256(MessageDigest digest) {
        this.digest = digest;
    }

    public static Sha256 digest() {
        try {
            return new Sha256(MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The hex SHA-256 of a text's UTF-8 bytes. */
    public static String of(String text) {
        return digest().text(text).hex();
    }

    public Sha256 text(String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Sha256 bytes(byte[] bytes) {
        digest.update(bytes);
        return this;
    }

    /** A byte between parts, so ("ab", "c") and ("a", "bc") hash differently. */
    public Sha256 separator(byte separator) {
        digest.update(separator);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
