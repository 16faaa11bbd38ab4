package com.creditledger.command.usage;

import com.creditledger.kernel.usage.UsageReceipt;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The idempotency keys an account has charged, forever (SPEC §3.5). Kept beside the event store
 * rather than in the aggregate, so an account with millions of debits still loads and snapshots
 * small; written in the same transaction as the events, so a key and its charge commit together.
 */
public interface UsageReceipts {

    Map<String, Issued> find(String accountId, Collection<String> idempotencyKeys);

    void save(String accountId, List<Issued> issued);

    /** A receipt as issued, with the fingerprint of the request that earned it. */
    record Issued(String idempotencyKey, String requestDigest, UsageReceipt receipt) {
    }
}
