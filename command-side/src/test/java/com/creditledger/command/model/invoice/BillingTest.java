package com.creditledger.command.model.invoice;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invoicing rules: months issue in order once ended, late usage goes on the next, payments never exceed. */
class BillingTest {

    private static final Instant FEB_1 = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant JAN_15 = Instant.parse("2025-01-15T12:00:00Z");

    private final Billing january = Billing.NONE
            .afterUsage("2025-01", "gemini-3.1-pro", Credits.of("154.00"), Money.of("154.00"))
            .afterUsage("2025-01", "gemini-3.1-pro", Credits.of("0.50"), Money.of("0.50"))
            .afterUsage("2025-01", "gpt-4o", Credits.of("2.25"), Money.of("2.25"));

    @Test
    void anInvoiceFreezesItsMonthsLinesByModel() {
        InvoiceIssued issued = january.issue("acme", YearMonth.of(2025, 1), 30, FEB_1);
        assertThat(issued.total()).isEqualTo(Money.of("156.75")); // 154.00 + 0.50 + 2.25
        assertThat(issued.lines()).hasSize(2);
        assertThat(issued.lines().get(0).calls()).isEqualTo(2);
        assertThat(issued.dueAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
    }

    @Test
    void usageOfAnIssuedMonthGoesOnTheNextInvoice() {
        Billing issued = january.afterIssued(january.issue("acme", YearMonth.of(2025, 1), 30, FEB_1));
        assertThat(issued.monthFor(JAN_15)).isEqualTo("2025-02");
        assertThat(january.monthFor(JAN_15)).isEqualTo("2025-01");
    }

    @Test
    void monthsIssueInOrderOnceEndedAndOnce() {
        refused(() -> january.issue("acme", YearMonth.of(2025, 1), 30, Instant.parse("2025-01-31T23:59:59Z")),
                RejectionCode.PERIOD_NOT_ENDED);
        refused(() -> january.issue("acme", YearMonth.of(2025, 2), 30, Instant.parse("2025-03-01T00:00:00Z")),
                RejectionCode.INVOICE_OUT_OF_ORDER);
        Billing issued = january.afterIssued(january.issue("acme", YearMonth.of(2025, 1), 30, FEB_1));
        refused(() -> issued.issue("acme", YearMonth.of(2025, 1), 30, FEB_1), RejectionCode.INVOICE_ISSUED);
    }

    @Test
    void paymentsMayBePartialButNeverExceedWhatIsOwed() {
        Billing issued = january.afterIssued(january.issue("acme", YearMonth.of(2025, 1), 30, FEB_1));
        InvoicePaid part = issued.pay("acme", "acme:2025-01", "p1", Money.of("100.00"), FEB_1);
        assertThat(part.openAfter()).isEqualTo(Money.of("56.75"));
        Billing partlyPaid = issued.afterPaid(part);
        refused(() -> partlyPaid.pay("acme", "acme:2025-01", "p2", Money.of("56.76"), FEB_1),
                RejectionCode.PAYMENT_EXCEEDS_OPEN_AMOUNT);
        assertThat(partlyPaid.pay("acme", "acme:2025-01", "p1", Money.of("100.00"), FEB_1)).isSameAs(part);
        refused(() -> partlyPaid.pay("acme", "acme:2025-01", "p1", Money.of("99.00"), FEB_1),
                RejectionCode.IDEMPOTENCY_CONFLICT);
        refused(() -> partlyPaid.pay("acme", "acme:2025-02", "p3", Money.of("1.00"), FEB_1),
                RejectionCode.INVOICE_NOT_ISSUED);
    }

    private static void refused(Runnable decision, RejectionCode code) {
        assertThatThrownBy(decision::run).isInstanceOfSatisfying(LedgerRejection.class,
                rejection -> assertThat(rejection.code()).isEqualTo(code));
    }
}
