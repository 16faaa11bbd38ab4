package com.creditledger.query.journal;

import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.util.List;

/**
 * When breakage revenue is recognized (docs/accounting.md, breakage): at expiry only (remote method, the default) or
 * also in proportion to redemption (proportional method). {@code ledger.breakage.method} chooses.
 */
public interface BreakageRecognition {

    void granted(String accountId, List<LotGranted> lots);

    /**
     * A lot released {@code credits} (used when {@code used}, else refunded) and {@code cash} with
     * them, by the event at {@code position}; an event delivered again changes nothing.
     * @return the change in breakage accrued on the lot, to post now (may be negative)
     */
    Money released(long position, String accountId, String lotId, Credits credits, boolean used, Money cash);

    /** @return the breakage to post at expiry, given the lot's remaining deferred revenue */
    Money atExpiry(long position, String accountId, String lotId, Money remainingDeferred);

    void reset();

    /** The default: nothing accrues; the lot's remaining deferred revenue is breakage at expiry. */
    final class Remote implements BreakageRecognition {

        @Override
        public void granted(String accountId, List<LotGranted> lots) {
        }

        @Override
        public Money released(long position, String accountId, String lotId, Credits credits, boolean used, Money cash) {
            return Money.ZERO;
        }

        @Override
        public Money atExpiry(long position, String accountId, String lotId, Money remainingDeferred) {
            return remainingDeferred;
        }

        @Override
        public void reset() {
        }
    }
}
