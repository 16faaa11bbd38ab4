package com.creditledger.kernel.usage;

import com.creditledger.kernel.value.Credits;

import java.util.List;

/** What the caller is told about a charged call; a retry gets the same receipt back. */
public record UsageReceipt(String idempotencyKey,
                           Credits amount,
                           Credits balance,
                           List<Draw> draws,
                           Credits overage) {
}
