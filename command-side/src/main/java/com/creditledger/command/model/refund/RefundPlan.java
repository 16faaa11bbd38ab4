package com.creditledger.command.model.refund;

import com.creditledger.command.model.lot.Lot;
import com.creditledger.command.model.lot.Takings;
import com.creditledger.command.model.lot.ConsumptionOrder;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Which credit a refund takes (docs/domain.md, refunds): from one top-up's unexpired lots, latest expiry first
 * (reverse consumption order), each lot paying back exactly the deferred revenue its credits
 * release. The pooled price means bonus credit is forfeited pro rata: no separate step needed.
 */
public final class RefundPlan {

    private RefundPlan() {
    }

    /** @param requested the credits to refund, or null for all that is left */
    public static List<LotRefund> plan(Collection<Lot> lotsOfTopUp, Credits requested, Instant at) {
        List<Lot> refundable = lotsOfTopUp.stream()
                .filter(lot -> lot.isRefundableAt(at))
                .sorted(ConsumptionOrder.REFUND)
                .toList();
        Credits available = refundable.stream().map(Lot::free).reduce(Credits.ZERO, Credits::plus);
        if (available.isZero()) {
            throw new LedgerRejection(RejectionCode.NOTHING_TO_REFUND, "topUpId", "the top-up has no unused credit left");
        }
        Credits wanted = requested == null ? available : requested;
        if (wanted.exceeds(available)) {
            throw new LedgerRejection(RejectionCode.REFUND_EXCEEDS_REMAINING, "credits",
                    "only " + available + " credits of this top-up are unused");
        }
        return Takings.inOrder(refundable, wanted).takings().stream()
                .map(taking -> new LotRefund(taking.lotId(), taking.credits(), taking.cash())).toList();
    }
}
