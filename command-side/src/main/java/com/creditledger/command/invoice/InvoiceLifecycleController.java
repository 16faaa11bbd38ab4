package com.creditledger.command.invoice;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.Identifiers;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoiceLine;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.invoice.IssueInvoice;
import com.creditledger.kernel.invoice.PayInvoice;
import com.creditledger.kernel.period.Books;
import com.creditledger.kernel.value.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Issuing postpaid invoices and recording their payments (docs/domain.md, postpaid invoices). */
@RestController
public class InvoiceLifecycleController {

    private final CommandGateway commands;
    private final EventPositions positions;
    private final BusinessTime time;
    private final int defaultNetDays;

    InvoiceLifecycleController(CommandGateway commands, EventPositions positions, BusinessTime time,
                               @Value("${ledger.invoices.net-days:30}") int defaultNetDays) {
        this.commands = commands;
        this.positions = positions;
        this.time = time;
        this.defaultNetDays = defaultNetDays;
    }

    /** An invoice id names its account and month: {@code <accountId>:<YYYY-MM>}. */
    private record InvoiceId(String accountId, String month) {

        static InvoiceId parse(String invoiceId) {
            int separator = invoiceId.lastIndexOf(':');
            String accountId = separator < 1 ? "" : invoiceId.substring(0, separator);
            if (!Identifiers.isId(accountId) || Books.parse(invoiceId.substring(separator + 1)).isEmpty()) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "invoiceId",
                        "an invoice id looks like <accountId>:<YYYY-MM>");
            }
            return new InvoiceId(accountId, invoiceId.substring(separator + 1));
        }
    }

    public record IssueRequest(@Min(0) @Max(365) Integer netDays) {
    }

    public record IssuedInvoice(String invoiceId, String accountId, String month, String status, List<InvoiceLine> lines,
                                Money total, Instant issuedAt, Instant dueAt, long position) {
    }

    @PostMapping("/v1/invoices/{invoiceId}/issue")
    public ResponseEntity<IssuedInvoice> issue(@PathVariable String invoiceId,
                                               @Valid @RequestBody(required = false) IssueRequest request) {
        InvoiceId id = InvoiceId.parse(invoiceId);
        int netDays = request == null || request.netDays() == null ? defaultNetDays : request.netDays();
        InvoiceIssued issued = commands.sendAndWait(new IssueInvoice(id.accountId(), id.month(), netDays, time.now()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedInvoice(issued.invoiceId(), issued.accountId(),
                issued.month(), "issued", issued.lines(), issued.total(), issued.issuedAt(), issued.dueAt(),
                positions.latestOf(id.accountId())));
    }

    public record PaymentRequest(
            @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String paymentId,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000")
            @Digits(integer = 10, fraction = 2) BigDecimal amount) {
    }

    public record Payment(String invoiceId, String paymentId, Money amount, Instant paidAt, Money open, String status,
                          long position) {
    }

    @PostMapping("/v1/invoices/{invoiceId}/payments")
    public ResponseEntity<Payment> pay(@PathVariable String invoiceId, @Valid @RequestBody PaymentRequest request) {
        InvoiceId id = InvoiceId.parse(invoiceId);
        InvoicePaid paid = commands.sendAndWait(new PayInvoice(id.accountId(), invoiceId, request.paymentId(),
                Money.of(request.amount()), time.now()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Payment(paid.invoiceId(), paid.paymentId(),
                paid.amount(), paid.paidAt(), paid.openAfter(), paid.openAfter().isZero() ? "paid" : "partially_paid",
                positions.latestOf(id.accountId())));
    }
}
