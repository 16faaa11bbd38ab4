package com.creditledger.kernel.invoice;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.util.List;

/**
 * A postpaid month billed: its lines frozen, the unbilled receivable of {@code total} moved to
 * accounts receivable. Usage of the month recorded after this is billed on the next invoice.
 */
public record InvoiceIssued(String accountId, String invoiceId, String month, List<InvoiceLine> lines, Money total,
                            Instant issuedAt, Instant dueAt) {

    public InvoiceIssued {
        lines = List.copyOf(lines);
        Money sum = lines.stream().map(InvoiceLine::amount).reduce(Money.ZERO, Money::plus);
        Invariants.check(sum.equals(total) && !total.isNegative(),
                () -> "the lines of invoice " + invoiceId + " add up to its total " + total + ", not " + sum);
        Invariants.check(!dueAt.isBefore(issuedAt), () -> "invoice " + invoiceId + " falls due after it is issued");
    }
}
