package com.creditledger.command.model.lot;

import com.creditledger.kernel.lot.DrawOrder;

import java.util.Comparator;

/**
 * The {@link DrawOrder} over the command side's lots (docs/domain.md, usage debits). Refunds take
 * credit in the reverse order.
 */
public final class ConsumptionOrder {

    public static final Comparator<Lot> DRAW = DrawOrder.of(Lot::priority, Lot::expiresAt, Lot::kind, Lot::grantedAt,
            Lot::lotId);

    public static final Comparator<Lot> REFUND = DRAW.reversed();

    private ConsumptionOrder() {
    }
}
