package com.creditledger.command.idempotency;

import com.creditledger.kernel.Sha256;

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
        Sha256 sha256 = Sha256.digest();
        for (Object value : values) {
            sha256.text(Objects.toString(value, "\u0000")).separator((byte) 0x1f);
        }
        return sha256.hex();
    }
}
