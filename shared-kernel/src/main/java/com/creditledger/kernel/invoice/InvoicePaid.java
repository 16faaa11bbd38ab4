package com.creditledger.kernel.invoice;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Money;

import java.time.Instant;

/** Cash received against an issued invoice; {@code openAfter} is what it still owes. */
public record InvoicePaid(String accountId, String invoiceId, String paymentId, Money amount, Instant paidAt,
                          Money openAfter) {

    public InvoicePaid {
        Invariants.check(amount.isPositive() && !openAfter.isNegative(),
                () -> "payment " + paymentId + " pays a positive amount, at most what invoice " + invoiceId + " owed");
    }
}
