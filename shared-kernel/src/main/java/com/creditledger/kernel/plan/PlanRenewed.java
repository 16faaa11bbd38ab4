package com.creditledger.kernel.plan;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;

import java.time.Instant;

/**
 * A plan's month billed at its start: the fee is receivable (invoice {@code invoiceId}, due
 * {@code dueAt}) and deferred in the month's {@link LotKind#INCLUDED} lot, which carries the fee as
 * its cash and expires at the month's end: used credit recognizes it, the unused rest is breakage.
 * {@code nextRenewal} is the next month to bill, or null when the plan ends.
 */
public record PlanRenewed(String accountId, String month, String invoiceId, LotGranted lot, Instant renewedAt,
                          Instant dueAt, String nextRenewal) {

    public PlanRenewed {
        Invariants.check(lot.kind() == LotKind.INCLUDED && !lot.overageNetted().isPositive()
                        && lot.grantedAt().equals(renewedAt),
                () -> "plan month " + month + " is one included lot granted at the month's start");
    }
}
