package com.creditledger.query.invoice;

import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoiceLine;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.query.projection.PendingWrites;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import com.creditledger.query.projection.Redelivery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.List;

import static com.creditledger.query.projection.Projections.utc;

/** Issued invoices, their frozen lines, and the payments against them. */
@Component
@ProcessingGroup(Projections.GROUP)
class InvoiceProjection {

    private static final PendingWrites.Statement INVOICE = Redelivery.rowPerEvent(80, "qs_invoice",
            "invoice_id, account_id, month, total, lines, issued_at, due_at, global_index", "invoice_id", "global_index");
    private static final PendingWrites.Statement PAYMENT = new PendingWrites.Statement(81,
            "INSERT INTO qs_invoice_payment (global_index, invoice_id, payment_id, amount, paid_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (global_index) DO NOTHING"); // keyed by the event itself

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;
    private final ObjectMapper json;

    InvoiceProjection(JdbcTemplate jdbc, PendingWrites writes, ObjectMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    @EventHandler
    void on(InvoiceIssued event, EventMessage<?> message) throws JsonProcessingException {
        writes.add(INVOICE, event.invoiceId(), event.accountId(), YearMonth.parse(event.month()).atDay(1),
                event.total().toBigDecimal(), json.writeValueAsString(event.lines()), utc(event.issuedAt()),
                utc(event.dueAt()), Recorded.of(message).globalIndex());
    }

    /** A plan month is billed at its start, as an invoice of its own: one line, the fee. */
    @EventHandler
    void on(PlanRenewed event, EventMessage<?> message) throws JsonProcessingException {
        InvoiceLine fee = new InvoiceLine("plan", 1, event.lot().credits(), event.lot().allocatedCash());
        writes.add(INVOICE, event.invoiceId(), event.accountId(), YearMonth.parse(event.month()).atDay(1),
                fee.amount().toBigDecimal(), json.writeValueAsString(List.of(fee)), utc(event.renewedAt()),
                utc(event.dueAt()), Recorded.of(message).globalIndex());
    }

    @EventHandler
    void on(InvoicePaid event, EventMessage<?> message) {
        writes.add(PAYMENT, Recorded.of(message).globalIndex(), event.invoiceId(), event.paymentId(),
                event.amount().toBigDecimal(), utc(event.paidAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_invoice, qs_invoice_payment");
    }
}
