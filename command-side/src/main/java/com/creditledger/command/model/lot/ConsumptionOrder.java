package com.creditledger.command.model.lot;


import java.util.Comparator;

/**
 * The order in which eligible lots are drawn (docs/domain.md, usage debits): priority, then soonest expiry, then free
 * credit (bonus, promotional) before principal, then oldest grant, then lot id so the order is total and replays identically.
 * Refunds take credit in the reverse order.
 */
public final class ConsumptionOrder {

    public static final Comparator<Lot> DRAW = Comparator.comparingInt(Lot::priority)
            .thenComparing(Lot::expiresAt)
            .thenComparingInt(lot -> lot.kind().rank())
            .thenComparing(Lot::grantedAt)
            .thenComparing(Lot::lotId);

    public static final Comparator<Lot> REFUND = DRAW.reversed();

    private ConsumptionOrder() {
    }
}
