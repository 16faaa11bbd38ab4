package com.creditledger.command.model.topup;

import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a top-up into lots (docs/domain.md, lots and overage settlement):
 * <ol>
 *   <li>one lot per distinct expiry instant (a COMBINED lot when bonus and principal expire together);</li>
 *   <li>an outstanding overage is netted against the new credit, soonest-expiring lot first, and the
 *       cash first settles the overage receivable at face value;</li>
 *   <li>the remaining cash is allocated at one pooled price over the lots' remaining credit: every lot
 *       but the longest-lived gets round_half_up(cash × G_lot ÷ G_total), the longest-lived the residual.</li>
 * </ol>
 */
public final class TopUpPlan {

    private TopUpPlan() {
    }

    public static TopUpPurchased plan(String accountId, PurchaseTopUp topUp, CreditTerms terms,
                                      BonusSchedule bonusSchedule, Credits overage, Money overageReceivable) {
        Credits principal = Credits.of(topUp.amount().toBigDecimal());
        Credits bonus = bonusSchedule.bonusFor(topUp.amount());
        List<Tranche> tranches = tranches(topUp, terms, principal, bonus);
        Credits total = principal.plus(bonus);
        Netting netting = netting(tranches, overage.min(total));
        Money settled = settled(topUp.amount(), netting.netted(), overage, overageReceivable);
        List<LotGranted> lots = allocation(topUp, tranches, netting, topUp.amount().minus(settled),
                total.minus(netting.netted()));
        return new TopUpPurchased(accountId, topUp.topUpId(), topUp.amount(), topUp.paymentReference(),
                topUp.purchasedAt(), bonus, total, netting.netted(), settled, List.copyOf(lots), topUp.requestDigest());
    }

    /** Step 1: one tranche per distinct expiry instant, in consumption order. */
    private static List<Tranche> tranches(PurchaseTopUp topUp, CreditTerms terms, Credits principal, Credits bonus) {
        Instant principalExpiry = expiry(topUp.principalExpiresAt(), topUp.purchasedAt(), terms.principalValidity(),
                "principalExpiresAt");
        Instant bonusExpiry = expiry(topUp.bonusExpiresAt(), topUp.purchasedAt(), terms.bonusValidity(),
                "bonusExpiresAt");
        List<Tranche> tranches = new ArrayList<>();
        if (bonus.isZero()) {
            tranches.add(new Tranche(LotKind.PRINCIPAL, principal, principalExpiry));
        } else if (bonusExpiry.equals(principalExpiry)) {
            tranches.add(new Tranche(LotKind.COMBINED, principal.plus(bonus), principalExpiry));
        } else {
            tranches.add(new Tranche(LotKind.BONUS, bonus, bonusExpiry));
            tranches.add(new Tranche(LotKind.PRINCIPAL, principal, principalExpiry));
        }
        tranches.sort(Comparator.comparing(Tranche::expiresAt).thenComparing(Tranche::kind));
        return tranches;
    }

    /** Step 2: the overage to net, taken from the soonest-expiring tranche first. */
    private static Netting netting(List<Tranche> tranches, Credits toNet) {
        Credits left = toNet;
        List<Credits> perTranche = new ArrayList<>();
        for (Tranche tranche : tranches) {
            Credits taken = left.min(tranche.credits());
            perTranche.add(taken);
            left = left.minus(taken);
        }
        Invariants.check(left.isZero(), () -> "the overage netted fits in the top-up's credits");
        return new Netting(toNet, perTranche);
    }

    /**
     * Step 3: the cash that settles the overage receivable. Fully netted overage settles the whole
     * receivable (it may differ from face(netted) by the rounding of earlier overage postings); a
     * partial netting settles its face value.
     */
    private static Money settled(Money amount, Credits netted, Credits overage, Money overageReceivable) {
        return netted.equals(overage)
                ? amount.min(overageReceivable)
                : amount.min(Money.faceValueOf(netted)).min(overageReceivable);
    }

    /**
     * Step 4: the rest of the cash at one pooled price over the cash-bearing credits: every lot but
     * the longest-lived gets round_half_up(cash × G_lot ÷ G_total), the longest-lived the residual,
     * so the lots' cash adds up to the cash exactly.
     */
    private static List<LotGranted> allocation(PurchaseTopUp topUp, List<Tranche> tranches, Netting netting,
                                               Money toAllocate, Credits cashBearingTotal) {
        int longestLived = tranches.size() - 1;
        List<LotGranted> lots = new ArrayList<>();
        Money allocated = Money.ZERO;
        for (int i = 0; i < tranches.size(); i++) {
            Tranche tranche = tranches.get(i);
            Credits cashBearing = tranche.credits().minus(netting.perTranche().get(i));
            Money cash = i == longestLived
                    ? toAllocate.minus(allocated)
                    : toAllocate.proportion(cashBearing.nanos(), cashBearingTotal.nanos());
            allocated = allocated.plus(cash);
            lots.add(new LotGranted(lotId(topUp.topUpId(), tranche.kind()), tranche.kind(), tranche.credits(),
                    netting.perTranche().get(i), cash, topUp.purchasedAt(), tranche.expiresAt(), topUp.priority()));
        }
        return lots;
    }

    /** Lot ids are derived, so a lot can be traced to its top-up by name alone. */
    public static String lotId(String topUpId, LotKind kind) {
        return topUpId + "." + kind.name().toLowerCase();
    }

    private static Instant expiry(Instant override, Instant purchasedAt, Period validity, String field) {
        Instant expiresAt = override != null ? override : purchasedAt.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
        if (!expiresAt.isAfter(purchasedAt)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, field, "expiry must be after purchasedAt");
        }
        return expiresAt;
    }

    private record Tranche(LotKind kind, Credits credits, Instant expiresAt) {
    }

    private record Netting(Credits netted, List<Credits> perTranche) {
    }
}
