package com.creditledger.command.model.simulation;

import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/**
 * What a replay under other terms takes from an account's real history: what was bought, granted,
 * used and refunded, and when (business time). What the terms decide (bonus, lots, expiry, prices)
 * is left out, to be decided again.
 */
public sealed interface HistoryFact {

    Instant at();

    /** Cash paid for credit; the terms decide the bonus and the lots. */
    record TopUp(String topUpId, Money amount, Instant at, int priority) implements HistoryFact {
    }

    /** A lot granted as recorded: a promotion (no cash) or a plan month (its fee). */
    record Granted(String topUpId, LotGranted lot, Instant at) implements HistoryFact {
    }

    /** One API call: its tokens to price again, or its amount when the caller priced it. */
    record Usage(String model, TokenCounts tokens, Credits recordedAmount, boolean pricedByCaller, Instant at)
            implements HistoryFact {
    }

    /** Credits of one top-up given back for cash. */
    record Refund(String topUpId, Credits credits, Instant at) implements HistoryFact {
    }
}
