package com.creditledger.command.account;

import com.creditledger.command.idempotency.UsageReceipts;
import com.creditledger.kernel.usage.IssuedReceipt;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Receipts for aggregate fixtures, which run without a database; the JDBC one is covered end to end. */
class InMemoryUsageReceipts implements UsageReceipts {

    private final Map<String, IssuedReceipt> byKey = new HashMap<>();

    @Override
    public Map<String, IssuedReceipt> find(String accountId, Collection<String> idempotencyKeys) {
        Map<String, IssuedReceipt> found = new HashMap<>();
        for (String key : idempotencyKeys) {
            IssuedReceipt issued = byKey.get(accountId + "/" + key);
            if (issued != null) {
                found.put(key, issued);
            }
        }
        return found;
    }

    @Override
    public void save(String accountId, List<IssuedReceipt> issued) {
        issued.forEach(receipt -> byKey.put(accountId + "/" + receipt.idempotencyKey(), receipt));
    }
}
