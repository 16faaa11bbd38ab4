package com.creditledger.command.model.lot;

import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * How one usage amount is drawn from an account's lots: eligible lots in consumption order, each
 * giving what it has left, with the revenue each draw recognizes. What the lots cannot cover is
 * {@code uncovered}; whether that becomes overage or a rejection is the account's decision.
 */
public record LotDraws(List<Draw> draws, Credits uncovered) {

    public static LotDraws draw(Collection<Lot> lots, Credits amount, Instant occurredAt) {
        List<Lot> eligible = lots.stream()
                .filter(lot -> lot.isEligibleAt(occurredAt))
                .sorted(ConsumptionOrder.DRAW)
                .toList();
        Takings takings = Takings.inOrder(eligible, amount);
        return new LotDraws(takings.takings().stream()
                .map(taking -> new Draw(taking.lotId(), taking.credits(), taking.cash())).toList(),
                takings.uncovered());
    }

    /** Credit usable at {@code at}: the free credit of every lot eligible then. */
    public static Credits available(Collection<Lot> lots, Instant at) {
        return lots.stream().filter(lot -> lot.isEligibleAt(at))
                .map(Lot::free).reduce(Credits.ZERO, Credits::plus);
    }
}
