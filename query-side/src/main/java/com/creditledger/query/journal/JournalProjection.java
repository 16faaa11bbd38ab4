package com.creditledger.query.journal;

import com.creditledger.kernel.accounting.AccountCode;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.posting.PostingCalendar;
import com.creditledger.query.balance.AccountTerms;
import com.creditledger.query.projection.PendingWrites;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import com.creditledger.query.projection.Redelivery;
import com.creditledger.query.summary.MonthlySummaries;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.creditledger.kernel.accounting.AccountCode.ACCOUNTS_RECEIVABLE;
import static com.creditledger.kernel.accounting.AccountCode.CASH_CLEARING;
import static com.creditledger.kernel.accounting.AccountCode.CONTRACT_LIABILITY;
import static com.creditledger.kernel.accounting.AccountCode.OVERAGE_RECEIVABLE;
import static com.creditledger.kernel.accounting.AccountCode.REFUND_LIABILITY;
import static com.creditledger.kernel.accounting.AccountCode.REVENUE_BREAKAGE;
import static com.creditledger.kernel.accounting.AccountCode.REVENUE_USAGE_AT_LIST;
import static com.creditledger.kernel.accounting.AccountCode.REVENUE_USAGE_PREPAID;
import static com.creditledger.kernel.accounting.AccountCode.UNBILLED_RECEIVABLES;
import static com.creditledger.query.projection.Projections.utc;

/**
 * Posts the journal entries of docs/accounting.md, journal entries: every event's debits equal its credits, and every line
 * names its event, lot and account. Amounts are the cumulative-rounded cents the events carry, so
 * the journal never rounds anything itself.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class JournalProjection {

    private static final PendingWrites.Statement LINE = Redelivery.rowPerEvent(50, "qs_journal_line",
            "global_index, event_id, line, event_type, account_id, lot_id, currency, business_time, account_code, debit, "
                    + "credit, source, idempotency_key, beyond_hold, posting_month, recorded_at",
            "global_index, line", "event_id");

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;
    private final BreakageRecognition breakage;
    private final MonthlySummaries summaries;
    private final PostingCalendar calendar;
    private final AccountTerms terms;

    JournalProjection(JdbcTemplate jdbc, PendingWrites writes, BreakageRecognition breakage, MonthlySummaries summaries,
                      PostingCalendar calendar, AccountTerms terms) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.breakage = breakage;
        this.summaries = summaries;
        this.calendar = calendar;
        this.terms = terms;
    }

    @EventHandler
    void on(TopUpPurchased event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "TopUpPurchased", event.accountId(), event.purchasedAt(), null);
        for (LotGranted lot : event.lots()) {
            entry.post(lot.lotId(), lot.allocatedCash(), CASH_CLEARING, CONTRACT_LIABILITY, "topup");
        }
        entry.post(null, event.receivableSettled(), CASH_CLEARING, OVERAGE_RECEIVABLE, "settlement");
        breakage.granted(event.accountId(), event.lots());
        write(entry);
    }

    /** Promotional credit carries no cash: no entry, but its lot is known to breakage like any other. */
    @EventHandler
    void on(CreditGranted event) {
        breakage.granted(event.accountId(), List.of(event.lot()));
    }

    @EventHandler
    void on(UsageDebited event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "UsageDebited", event.accountId(), event.occurredAt(),
                event.idempotencyKey());
        for (Draw draw : event.draws()) {
            entry.post(draw.lotId(), draw.revenue(), CONTRACT_LIABILITY, REVENUE_USAGE_PREPAID, "usage");
            entry.post(draw.lotId(), breakage.released(entry.recorded.globalIndex(), event.accountId(), draw.lotId(),
                            draw.credits(), true, draw.revenue()),
                    CONTRACT_LIABILITY, REVENUE_BREAKAGE, "breakage");
        }
        entry.beyondHold = event.beyondHold();
        entry.post(null, event.overageRevenue(), OVERAGE_RECEIVABLE, REVENUE_USAGE_AT_LIST, "overage");
        entry.beyondHold = false;
        entry.post(null, event.postpaidRevenue(), UNBILLED_RECEIVABLES, REVENUE_USAGE_AT_LIST, "postpaid");
        write(entry);
    }

    @EventHandler
    void on(CreditExpired event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "CreditExpired", event.accountId(), event.expiredAt(), null);
        entry.post(event.lotId(), breakage.atExpiry(entry.recorded.globalIndex(), event.accountId(), event.lotId(),
                        event.breakage()),
                CONTRACT_LIABILITY, REVENUE_BREAKAGE, "breakage");
        write(entry);
    }

    /** A plan month's fee is billed and deferred in the month's included lot. */
    @EventHandler
    void on(PlanRenewed event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "PlanRenewed", event.accountId(), event.renewedAt(), null);
        entry.post(event.lot().lotId(), event.lot().allocatedCash(), ACCOUNTS_RECEIVABLE, CONTRACT_LIABILITY, "plan");
        breakage.granted(event.accountId(), List.of(event.lot()));
        write(entry);
    }

    /** Issuing moves the month's postpaid usage from unbilled to billed receivables. */
    @EventHandler
    void on(InvoiceIssued event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "InvoiceIssued", event.accountId(), event.issuedAt(), null);
        entry.post(null, event.total(), ACCOUNTS_RECEIVABLE, UNBILLED_RECEIVABLES, "invoice");
        write(entry);
    }

    @EventHandler
    void on(InvoicePaid event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "InvoicePaid", event.accountId(), event.paidAt(), null);
        entry.post(null, event.amount(), CASH_CLEARING, ACCOUNTS_RECEIVABLE, "payment");
        write(entry);
    }

    /** The ledger records a refund when it is paid out, so the refund liability is cleared at once. */
    @EventHandler
    void on(Refunded event, EventMessage<?> message) {
        Entry entry = new Entry(Recorded.of(message), "Refunded", event.accountId(), event.refundedAt(), null);
        for (LotRefund part : event.lots()) {
            entry.post(part.lotId(), part.cash(), CONTRACT_LIABILITY, REFUND_LIABILITY, "refund");
            entry.post(part.lotId(), part.cash(), REFUND_LIABILITY, CASH_CLEARING, "refund_paid");
            entry.post(part.lotId(), breakage.released(entry.recorded.globalIndex(), event.accountId(), part.lotId(),
                            part.credits(), false, part.cash()),
                    CONTRACT_LIABILITY, REVENUE_BREAKAGE, "breakage");
        }
        write(entry);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_journal_line RESTART IDENTITY");
        breakage.reset();
        summaries.reset();
    }

    private void write(Entry entry) {
        Recorded recorded = entry.recorded;
        summaries.refreshAfterBatch(recorded.globalIndex());
        LocalDate postingMonth = calendar.postingMonth(entry.businessTime, recorded.globalIndex());
        String currency = terms.of(entry.accountId).currency();
        for (Line line : entry.lines) {
            writes.add(LINE, recorded.globalIndex(), recorded.eventId(), line.number(), entry.eventType, entry.accountId,
                    line.lotId(), currency, utc(entry.businessTime), line.code().code(),
                    (line.debit() ? line.amount() : Money.ZERO).toBigDecimal(),
                    (line.debit() ? Money.ZERO : line.amount()).toBigDecimal(), line.source(), entry.idempotencyKey,
                    line.beyondHold(), postingMonth, utc(recorded.recordedAt()));
        }
    }

    /** The lines of one event, posted in balanced pairs. */
    private static final class Entry {

        private final Recorded recorded;
        private final String eventType;
        private final String accountId;
        private final Instant businessTime;
        private final String idempotencyKey;
        private final List<Line> lines = new ArrayList<>();
        private int nextLine;
        /** Lines posted while set are overage a capture recorded beyond its hold. */
        private boolean beyondHold;

        Entry(Recorded recorded, String eventType, String accountId, Instant businessTime, String idempotencyKey) {
            this.recorded = recorded;
            this.eventType = eventType;
            this.accountId = accountId;
            this.businessTime = businessTime;
            this.idempotencyKey = idempotencyKey;
        }

        /**
         * A negative amount posts the reverse entry (a breakage accrual that unwinds). Every pair takes
         * its two line numbers even when it is zero and not written, so an event's lines are numbered
         * the same however often it is delivered.
         */
        void post(String lotId, Money amount, AccountCode debit, AccountCode credit, String source) {
            int number = nextLine;
            nextLine += 2;
            if (amount.isZero()) {
                return;
            }
            boolean reversed = amount.isNegative();
            Money size = reversed ? Money.ZERO.minus(amount) : amount;
            lines.add(new Line(number, lotId, reversed ? credit : debit, true, size, source, beyondHold));
            lines.add(new Line(number + 1, lotId, reversed ? debit : credit, false, size, source, beyondHold));
        }
    }

    private record Line(int number, String lotId, AccountCode code, boolean debit, Money amount, String source,
                        boolean beyondHold) {
    }
}
