package com.creditledger.kernel.lot;

import com.creditledger.kernel.topup.LotKind;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The order in which eligible lots are drawn (burn order): priority, then soonest expiry, then free
 * credit (bonus, promotional) before principal, then oldest grant, then lot id so the order is total
 * and replays identically. One rule for whatever shape a lot has on either side: the command side
 * draws by it, the query side projects where the burn will reach by it.
 */
public final class DrawOrder {

    private DrawOrder() {
    }

    public static <L> Comparator<L> of(ToIntFunction<L> priority, Function<L, Instant> expiresAt,
                                       Function<L, LotKind> kind, Function<L, Instant> grantedAt,
                                       Function<L, String> lotId) {
        return Comparator.comparingInt(priority)
                .thenComparing(expiresAt)
                .thenComparingInt(lot -> kind.apply(lot).rank())
                .thenComparing(grantedAt)
                .thenComparing(lotId);
    }
}
