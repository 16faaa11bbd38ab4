package com.creditledger.command.idempotency;

import com.creditledger.kernel.usage.IssuedReceipt;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The idempotency keys an account has charged, forever (docs/domain.md, usage debits). Kept beside the event store
 * rather than in the aggregate, so an account with millions of debits still loads and snapshots
 * small; written in the same transaction as the events, so a key and its charge commit together.
 */
public interface UsageReceipts {

    Map<String, IssuedReceipt> find(String accountId, Collection<String> idempotencyKeys);

    void save(String accountId, List<IssuedReceipt> issued);
}
