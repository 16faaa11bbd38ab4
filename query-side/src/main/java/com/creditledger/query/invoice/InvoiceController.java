package com.creditledger.query.invoice;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

@ReadEndpoint
class InvoiceController {

    private final Invoices invoices;
    private final ReceivablesAging receivables;

    InvoiceController(Invoices invoices, ReceivablesAging receivables) {
        this.invoices = invoices;
        this.receivables = receivables;
    }

    /** Open invoices by age at {@code asOf} (now when not given). */
    @GetMapping("/v1/reports/receivables")
    ReceivablesAging.Aging receivables(@RequestParam(required = false) Instant asOf,
                                       @RequestParam(required = false) String accountId) {
        return receivables.at(asOf == null ? Instant.now() : asOf, accountId);
    }

    @GetMapping("/v1/invoices")
    Map<String, List<Invoices.Summary>> list(@RequestParam String accountId) {
        return Map.of("invoices", invoices.of(accountId));
    }

    @GetMapping("/v1/invoices/{invoiceId}")
    Invoices.Invoice get(@PathVariable String invoiceId) {
        int separator = invoiceId.lastIndexOf(':');
        try {
            if (separator < 1) {
                throw new DateTimeParseException("no month", invoiceId, 0);
            }
            Invoices.Invoice invoice = invoices.get(invoiceId.substring(0, separator),
                    YearMonth.parse(invoiceId.substring(separator + 1)));
            if (invoice == null) {
                throw new LedgerRejection(RejectionCode.NOT_FOUND, "invoiceId", "no invoice " + invoiceId);
            }
            return invoice;
        } catch (DateTimeParseException e) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "invoiceId",
                    "an invoice id looks like <accountId>:<yyyy-MM>");
        }
    }
}
