package com.creditledger.command.simulation;

import com.creditledger.command.model.simulation.HistoryFact;
import com.creditledger.command.model.simulation.MonthFigures;
import com.creditledger.kernel.account.AccountOpened;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account's events read once: the facts a replay under other terms takes, and beside them what
 * actually happened, month by month, as the events recorded it (cash paid, usage, expiry, breakage,
 * refunds). Events dated at or after {@code until} are left out.
 */
record AccountHistory(String accountId, BillingMode billing, CreditTerms terms, List<HistoryFact> facts,
                      Map<YearMonth, MonthFigures> actual, int events) {

    static AccountHistory read(String accountId, DomainEventStream stream, Instant until) {
        BillingMode billing = BillingMode.PREPAID;
        CreditTerms terms = CreditTerms.DEFAULT;
        List<HistoryFact> facts = new ArrayList<>();
        Map<YearMonth, MonthFigures> actual = new TreeMap<>();
        int events = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            events++;
            Object event = message.getPayload();
            if (event instanceof AccountOpened opened) {
                billing = opened.billingMode();
                terms = opened.creditTerms() == null ? CreditTerms.DEFAULT : opened.creditTerms();
            } else if (event instanceof TopUpPurchased topUp && topUp.purchasedAt().isBefore(until)) {
                facts.add(new HistoryFact.TopUp(topUp.topUpId(), topUp.amount(), topUp.purchasedAt(),
                        topUp.lots().get(0).priority()));
                MonthFigures.addTo(actual, topUp.purchasedAt(), MonthFigures.paid(topUp.amount()));
            } else if (event instanceof CreditGranted granted && granted.grantedAt().isBefore(until)) {
                facts.add(new HistoryFact.Granted(granted.grantId(), granted.lot(), granted.grantedAt()));
            } else if (event instanceof PlanRenewed renewed && renewed.renewedAt().isBefore(until)) {
                facts.add(new HistoryFact.Granted(renewed.invoiceId(), renewed.lot(), renewed.renewedAt()));
                MonthFigures.addTo(actual, renewed.renewedAt(), MonthFigures.paid(renewed.lot().allocatedCash()));
            } else if (event instanceof UsageDebited usage && usage.occurredAt().isBefore(until)) {
                facts.add(new HistoryFact.Usage(usage.model(), usage.tokens(), usage.amount(), usage.pricing() == null,
                        usage.occurredAt()));
                Money revenue = usage.draws().stream().map(Draw::revenue)
                        .reduce(usage.overageRevenue().plus(usage.postpaidRevenue()), Money::plus);
                MonthFigures.addTo(actual, usage.occurredAt(), MonthFigures.used(usage.amount(), Credits.ZERO, revenue)
                        .plus(MonthFigures.paid(usage.postpaidRevenue())));
            } else if (event instanceof Refunded refunded && refunded.refundedAt().isBefore(until)) {
                facts.add(new HistoryFact.Refund(refunded.topUpId(), refunded.credits(), refunded.refundedAt()));
                MonthFigures.addTo(actual, refunded.refundedAt(), MonthFigures.refunded(refunded.cash()));
            } else if (event instanceof CreditExpired expired && expired.expiredAt().isBefore(until)) {
                MonthFigures.addTo(actual, expired.expiredAt(), MonthFigures.expired(expired.credits(), expired.breakage()));
            }
        }
        // business time, not recording order: a late call is replayed where it belongs
        facts.sort(Comparator.comparing(HistoryFact::at));
        return new AccountHistory(accountId, billing, terms, List.copyOf(facts), actual, events);
    }
}
