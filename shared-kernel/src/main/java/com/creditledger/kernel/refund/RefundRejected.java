package com.creditledger.kernel.refund;

import java.time.Instant;

/** A pending refund that a second key refused: no money moved, the refund id is spent. */
public record RefundRejected(String accountId,
                             String refundId,
                             String topUpId,
                             String reason,
                             Instant rejectedAt,
                             String requestedBy,
                             String rejectedBy) {
}
