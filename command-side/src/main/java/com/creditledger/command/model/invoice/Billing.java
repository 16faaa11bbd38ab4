package com.creditledger.command.model.invoice;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoiceLine;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's invoices: postpaid usage not yet billed, by invoice month and model, and the issued
 * invoices (and plan fees) with what they still owe. Months are issued in order, each once it has ended; usage of a
 * month already issued goes on the next invoice, so an issued invoice never changes. Immutable.
 *
 * @param unbilled  by month ({@code YYYY-MM}), by model: the lines of the invoices not yet issued
 * @param lastIssued the latest month issued, or null
 * @param open      what each issued invoice still owes, by invoice id
 * @param payments  every payment recorded, by invoice id and payment id (a retry answers the same)
 */
public record Billing(Map<String, Map<String, InvoiceLine>> unbilled, String lastIssued, Map<String, Money> open,
                      Map<String, InvoicePaid> payments) {

    public static final Billing NONE = new Billing(Map.of(), null, Map.of(), Map.of());

    public static String invoiceId(String accountId, String month) {
        return accountId + ":" + month;
    }

    /** The month a call at {@code occurredAt} is invoiced in: its own, or the first not yet issued. */
    public String monthFor(Instant occurredAt) {
        YearMonth own = YearMonth.from(occurredAt.atOffset(ZoneOffset.UTC));
        return lastIssued != null && !own.isAfter(YearMonth.parse(lastIssued))
                ? YearMonth.parse(lastIssued).plusMonths(1).toString() : own.toString();
    }

    public Billing afterUsage(String month, String model, Credits credits, Money amount) {
        Map<String, Map<String, InvoiceLine>> lines = new TreeMap<>(unbilled);
        Map<String, InvoiceLine> ofMonth = new TreeMap<>(lines.getOrDefault(month, Map.of()));
        String line = model == null ? "" : model;
        ofMonth.put(line, ofMonth.getOrDefault(line, new InvoiceLine(line, 0, Credits.ZERO, Money.ZERO))
                .plus(credits, amount));
        lines.put(month, ofMonth);
        return new Billing(lines, lastIssued, open, payments);
    }

    /** The invoice of {@code month}, issued at {@code at}: the month must have ended and be the next to issue. */
    public InvoiceIssued issue(String accountId, YearMonth month, int netDays, Instant at) {
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (at.isBefore(end)) {
            throw new LedgerRejection(RejectionCode.PERIOD_NOT_ENDED, "invoiceId",
                    "the invoice of " + month + " may be issued from " + end);
        }
        if (lastIssued != null && !month.isAfter(YearMonth.parse(lastIssued))) {
            throw new LedgerRejection(RejectionCode.INVOICE_ISSUED, "invoiceId",
                    "the invoice of " + month + " was already issued");
        }
        unbilled.keySet().stream().filter(earlier -> YearMonth.parse(earlier).isBefore(month)).findFirst()
                .ifPresent(earlier -> {
                    throw new LedgerRejection(RejectionCode.INVOICE_OUT_OF_ORDER, "invoiceId",
                            "invoices are issued in order: issue " + earlier + " first");
                });
        List<InvoiceLine> lines = new ArrayList<>(unbilled.getOrDefault(month.toString(), Map.of()).values());
        Money total = lines.stream().map(InvoiceLine::amount).reduce(Money.ZERO, Money::plus);
        return new InvoiceIssued(accountId, invoiceId(accountId, month.toString()), month.toString(), lines, total, at,
                at.atOffset(ZoneOffset.UTC).plusDays(netDays).toInstant());
    }

    public Billing afterIssued(InvoiceIssued issued) {
        Map<String, Map<String, InvoiceLine>> lines = new TreeMap<>(unbilled);
        lines.remove(issued.month());
        Map<String, Money> owed = new HashMap<>(open);
        owed.put(issued.invoiceId(), issued.total());
        return new Billing(lines, issued.month(), owed, payments);
    }

    /** A plan fee billed at its month's start: owed like an issued invoice. */
    public Billing afterBilled(String invoiceId, Money fee) {
        Map<String, Money> owed = new HashMap<>(open);
        owed.put(invoiceId, fee);
        return new Billing(unbilled, lastIssued, owed, payments);
    }

    /** A payment of at most what the invoice still owes; the same payment again answers the same. */
    public InvoicePaid pay(String accountId, String invoiceId, String paymentId, Money amount, Instant at) {
        InvoicePaid earlier = payments.get(invoiceId + "/" + paymentId);
        if (earlier != null) {
            if (!earlier.amount().equals(amount)) {
                throw new LedgerRejection(RejectionCode.IDEMPOTENCY_CONFLICT, "paymentId",
                        "payment " + paymentId + " was recorded with another amount");
            }
            return earlier;
        }
        Money owed = open.get(invoiceId);
        if (owed == null) {
            throw new LedgerRejection(RejectionCode.INVOICE_NOT_ISSUED, "invoiceId", "invoice " + invoiceId
                    + " has not been issued");
        }
        if (amount.compareTo(owed) > 0) {
            throw new LedgerRejection(RejectionCode.PAYMENT_EXCEEDS_OPEN_AMOUNT, "amount",
                    "invoice " + invoiceId + " owes " + owed + "; a payment of " + amount + " is more");
        }
        return new InvoicePaid(accountId, invoiceId, paymentId, amount, at, owed.minus(amount));
    }

    public Billing afterPaid(InvoicePaid paid) {
        Map<String, Money> owed = new HashMap<>(open);
        owed.put(paid.invoiceId(), paid.openAfter());
        Map<String, InvoicePaid> recorded = new HashMap<>(payments);
        recorded.put(paid.invoiceId() + "/" + paid.paymentId(), paid);
        return new Billing(unbilled, lastIssued, owed, recorded);
    }
}
