package com.creditledger.command.model.hold;

import com.creditledger.command.model.lot.ConsumptionOrder;
import com.creditledger.command.model.lot.Lot;
import com.creditledger.kernel.reservation.Backing;
import com.creditledger.kernel.reservation.Earmark;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which credit backs a hold: free credit of lots that stay usable from the hold's start until it
 * expires (a lot expiring earlier could vanish under it), taken in consumption order, and then
 * what the account itself may still carry. A hold that does not fit is not taken.
 */
public final class HoldBacking {

    private HoldBacking() {
    }

    /**
     * @param onAccountRoom what the account may hold beyond its lots: the overdraft headroom of a
     *                      prepaid account, {@link Credits#MAX} for a postpaid one
     * @return the backing, or empty when lots and account together cannot hold {@code amount}
     */
    public static Optional<Backing> plan(Collection<Lot> lots, Credits amount, Instant at, Instant expiresAt,
                                         Credits onAccountRoom) {
        List<Earmark> earmarks = new ArrayList<>();
        Credits left = amount;
        for (Lot lot : lots.stream().filter(lot -> lot.canBackHold(at, expiresAt)).sorted(ConsumptionOrder.DRAW).toList()) {
            if (!left.isPositive()) {
                break;
            }
            Credits kept = left.min(lot.free());
            earmarks.add(new Earmark(lot.lotId(), kept));
            left = left.minus(kept);
        }
        if (left.exceeds(onAccountRoom)) {
            return Optional.empty();
        }
        return Optional.of(new Backing(earmarks, left));
    }
}
