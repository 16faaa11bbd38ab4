package com.creditledger.kernel.usage;

/**
 * A usage receipt as issued, with the fingerprint of the request that earned it: a retry with the
 * same fingerprint gets the receipt again, another fingerprint under the same key is a conflict.
 */
public record IssuedReceipt(String idempotencyKey, String requestDigest, UsageReceipt receipt) {
}
