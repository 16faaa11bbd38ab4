package com.creditledger.command.model.simulation;

import com.creditledger.command.model.lot.ConsumptionOrder;
import com.creditledger.command.model.lot.Lot;
import com.creditledger.command.model.lot.LotDraws;
import com.creditledger.command.model.lot.Takings;
import com.creditledger.command.model.topup.TopUpPlan;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.lot.CumulativeRounding;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One account's history replayed under other terms, in memory: every top-up becomes the lots the
 * terms would have made (their bonus, their validities, the same pooled cash allocation), every call
 * is priced by the terms' rate card and drawn in consumption order, lots expire at their expiry with
 * their remaining cash as breakage (remote method), and refunds take the same credits of the same
 * top-up in reverse order. Postpaid terms bill every call at list price, month by month with
 * cumulative rounding. The same rules as the ledger's own ({@link TopUpPlan}, {@link LotDraws},
 * {@link CumulativeRounding}), so terms equal to the real ones give back what happened.
 */
public final class TermsReplay {

    private final String accountId;
    private final SimulationTerms terms;
    private final CreditTerms validities;
    private final Map<String, Lot> lots = new LinkedHashMap<>();
    private final Map<YearMonth, MonthFigures> months = new TreeMap<>();
    private Credits billedThisMonth = Credits.ZERO;
    private YearMonth billingMonth;

    private TermsReplay(String accountId, SimulationTerms terms, CreditTerms accountTerms) {
        this.accountId = accountId;
        this.terms = terms;
        this.validities = terms.validitiesFor(accountTerms);
    }

    /**
     * @param facts the account's history in business-time order, up to {@code until}
     * @return figures by month of business time, expiries due before {@code until} included
     */
    public static Map<YearMonth, MonthFigures> replay(String accountId, List<HistoryFact> facts, SimulationTerms terms,
                                                      CreditTerms accountTerms, Instant until) {
        TermsReplay replay = new TermsReplay(accountId, terms, accountTerms);
        for (HistoryFact fact : facts) {
            replay.expireDueAt(fact.at());
            replay.apply(fact);
        }
        replay.expireDueBefore(until);
        return replay.months;
    }

    private void apply(HistoryFact fact) {
        if (fact instanceof HistoryFact.TopUp topUp) {
            buy(topUp);
        } else if (fact instanceof HistoryFact.Granted granted) {
            lots.put(granted.lot().lotId(), Lot.granted(granted.topUpId(), granted.lot()));
            add(granted.at(), MonthFigures.paid(granted.lot().allocatedCash()));
        } else if (fact instanceof HistoryFact.Usage usage) {
            use(usage);
        } else if (fact instanceof HistoryFact.Refund refund) {
            refund(refund);
        }
    }

    private void buy(HistoryFact.TopUp topUp) {
        if (terms.billing() == BillingMode.POSTPAID) {
            return; // metered: nothing is paid in advance, every call is billed as it comes
        }
        add(topUp.at(), MonthFigures.paid(topUp.amount()));
        TopUpPurchased purchased = TopUpPlan.plan(accountId, new PurchaseTopUp(accountId, topUp.topUpId(), topUp.amount(),
                null, topUp.at(), null, null, topUp.priority(), null), validities, terms.packs(), Credits.ZERO, Money.ZERO);
        for (LotGranted lot : purchased.lots()) {
            lots.put(lot.lotId(), Lot.granted(topUp.topUpId(), lot));
        }
    }

    private void use(HistoryFact.Usage usage) {
        Credits amount = usage.pricedByCaller() || terms.prices() == null
                ? usage.recordedAmount()
                : terms.prices().price(usage.model(), usage.tokens()).amount();
        if (!amount.isPositive()) {
            return;
        }
        if (terms.billing() == BillingMode.POSTPAID) {
            YearMonth month = MonthFigures.monthOf(usage.at());
            if (!month.equals(billingMonth)) {
                billingMonth = month;
                billedThisMonth = Credits.ZERO;
            }
            Money revenue = CumulativeRounding.atListPrice(billedThisMonth, amount);
            billedThisMonth = billedThisMonth.plus(amount);
            add(usage.at(), MonthFigures.used(amount, Credits.ZERO, revenue)
                    .plus(MonthFigures.paid(revenue)));
            return;
        }
        LotDraws drawn = LotDraws.draw(lots.values(), amount, usage.at());
        Money revenue = Money.ZERO;
        for (Draw draw : drawn.draws()) {
            revenue = revenue.plus(draw.revenue());
            lots.computeIfPresent(draw.lotId(), (id, lot) -> lot.afterRelease(draw.credits()));
        }
        add(usage.at(), MonthFigures.used(amount.minus(drawn.uncovered()), drawn.uncovered(), revenue));
    }

    private void refund(HistoryFact.Refund refund) {
        List<Lot> ofTopUp = lots.values().stream()
                .filter(lot -> lot.topUpId().equals(refund.topUpId()) && lot.isRefundableAt(refund.at()))
                .sorted(ConsumptionOrder.REFUND).toList();
        Takings takings = Takings.inOrder(ofTopUp, refund.credits());
        Money cash = Money.ZERO;
        for (Takings.Taking taking : takings.takings()) {
            cash = cash.plus(taking.cash());
            lots.computeIfPresent(taking.lotId(), (id, lot) -> lot.afterRelease(taking.credits()));
        }
        add(refund.at(), MonthFigures.refunded(cash));
    }

    private void expireDueAt(Instant at) {
        expire(lot -> !lot.expiresAt().isAfter(at));
    }

    private void expireDueBefore(Instant until) {
        expire(lot -> lot.expiresAt().isBefore(until));
    }

    private void expire(Predicate<Lot> due) {
        lots.values().stream().filter(lot -> !lot.expired() && due.test(lot))
                .sorted(Comparator.comparing(Lot::expiresAt).thenComparing(Lot::lotId)).toList()
                .forEach(lot -> {
                    add(lot.expiresAt(), MonthFigures.expired(lot.remaining(), lot.cashReleasedBy(lot.remaining())));
                    lots.put(lot.lotId(), lot.afterExpiry());
                });
    }

    private void add(Instant at, MonthFigures figures) {
        MonthFigures.addTo(months, at, figures);
    }
}
