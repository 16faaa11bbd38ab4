package com.creditledger.kernel.refund;

import java.time.Instant;

/** A pending refund its requester withdrew: no money moved, the refund id is spent. */
public record RefundCancelled(String accountId,
                              String refundId,
                              String topUpId,
                              Instant cancelledAt,
                              String cancelledBy) {
}
