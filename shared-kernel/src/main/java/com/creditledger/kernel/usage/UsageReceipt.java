package com.creditledger.kernel.usage;

import com.creditledger.kernel.value.Credits;

import java.util.List;

/**
 * What the caller is told about a charged call; a retry gets the same receipt back. A capture also
 * tells what it took of its hold ({@code captured}), what went back ({@code released}), and whether
 * the hold had already expired (then it was charged as an ordinary debit).
 */
public record UsageReceipt(String idempotencyKey,
                           Credits amount,
                           Credits balance,
                           List<Draw> draws,
                           Credits overage,
                           String reservationId,
                           Credits captured,
                           Credits released,
                           Boolean reservationExpired) {

    public UsageReceipt(String idempotencyKey, Credits amount, Credits balance, List<Draw> draws, Credits overage) {
        this(idempotencyKey, amount, balance, draws, overage, null, null, null, null);
    }

    /** This charge as the capture of a hold. */
    public UsageReceipt ofHold(String holdId, Credits fromHold, Credits releasedBack, boolean holdExpired) {
        return new UsageReceipt(idempotencyKey, amount, balance, draws, overage, holdId, fromHold, releasedBack,
                holdExpired);
    }
}
