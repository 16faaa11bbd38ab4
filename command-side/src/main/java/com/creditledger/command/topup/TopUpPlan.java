package com.creditledger.command.topup;

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
 * Turns a top-up into lots (SPEC §3.3, §3.9):
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
        Credits total = principal.plus(bonus);

        Credits toNet = overage.min(total);
        Credits nettingLeft = toNet;
        List<Credits> netted = new ArrayList<>();
        for (Tranche tranche : tranches) {
            Credits taken = nettingLeft.min(tranche.credits());
            netted.add(taken);
            nettingLeft = nettingLeft.minus(taken);
        }
        // Fully netted overage settles the whole receivable (it may differ from face(toNet) by the
        // rounding of earlier overage postings); a partial netting settles its face value.
        Money settled = toNet.equals(overage)
                ? topUp.amount().min(overageReceivable)
                : topUp.amount().min(Money.faceValueOf(toNet)).min(overageReceivable);
        Money toAllocate = topUp.amount().minus(settled);
        Credits cashBearingTotal = total.minus(toNet);

        int longestLived = tranches.size() - 1;
        List<LotGranted> lots = new ArrayList<>();
        Money allocated = Money.ZERO;
        for (int i = 0; i < tranches.size(); i++) {
            Tranche tranche = tranches.get(i);
            Credits cashBearing = tranche.credits().minus(netted.get(i));
            Money cash = i == longestLived
                    ? toAllocate.minus(allocated)
                    : toAllocate.proportion(cashBearing.nanos(), cashBearingTotal.nanos());
            allocated = allocated.plus(cash);
            lots.add(new LotGranted(lotId(topUp.topUpId(), tranche.kind()), tranche.kind(), tranche.credits(),
                    netted.get(i), cash, topUp.purchasedAt(), tranche.expiresAt(), 0));
        }
        return new TopUpPurchased(accountId, topUp.topUpId(), topUp.amount(), topUp.paymentReference(),
                topUp.purchasedAt(), bonus, total, toNet, settled, List.copyOf(lots), topUp.requestDigest());
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
}
