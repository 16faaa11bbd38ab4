package com.creditledger.command.period;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.period.ApprovePeriodReopen;
import com.creditledger.kernel.period.Books;
import com.creditledger.kernel.period.ClosePeriod;
import com.creditledger.kernel.period.PeriodClosed;
import com.creditledger.kernel.period.PeriodReopenRequested;
import com.creditledger.kernel.period.PeriodReopened;
import com.creditledger.kernel.period.RequestPeriodReopen;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The accounting periods of the whole ledger. Months close in order, each only once it has ended;
 * all months up to the last closed one are closed. Only the last closed month can be reopened, on
 * a second finance key's approval (maker–checker, as for large refunds).
 */
@Aggregate
public class Periods {

    @AggregateIdentifier
    private String booksId;
    /** Every month up to this one is closed; null while none is. */
    private YearMonth closedThrough;
    private PeriodReopenRequested pendingReopen;

    protected Periods() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodClosed handle(ClosePeriod command, @MetaDataValue(Metadata.ACTOR) String actor) {
        YearMonth period = period(command.period());
        if (closedThrough != null && !period.isAfter(closedThrough)) {
            throw new LedgerRejection(RejectionCode.PERIOD_CLOSED, "period", command.period() + " is already closed");
        }
        YearMonth next = closedThrough != null ? closedThrough.plusMonths(1)
                : Books.parse(command.firstPosted()).filter(first -> first.isBefore(period)).orElse(period);
        if (!period.equals(next)) {
            throw new LedgerRejection(RejectionCode.PERIOD_OUT_OF_ORDER, "period",
                    "months close in order: close " + Books.label(next) + " first");
        }
        Instant end = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (command.at().isBefore(end)) {
            throw new LedgerRejection(RejectionCode.PERIOD_NOT_ENDED, "period",
                    command.period() + " has not ended: it may close from " + end);
        }
        PeriodClosed closed = new PeriodClosed(command.period(), actor, command.reportDigest(), command.at());
        apply(closed);
        return closed;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodReopenRequested handle(RequestPeriodReopen command, @MetaDataValue(Metadata.ACTOR) String actor) {
        YearMonth period = period(command.period());
        if (closedThrough == null || period.isAfter(closedThrough)) {
            throw new LedgerRejection(RejectionCode.PERIOD_NOT_CLOSED, "period", command.period() + " is open");
        }
        if (!period.equals(closedThrough)) {
            throw new LedgerRejection(RejectionCode.PERIOD_OUT_OF_ORDER, "period",
                    "only the last closed month, " + Books.label(closedThrough) + ", can be reopened");
        }
        if (pendingReopen != null) {
            throw new LedgerRejection(RejectionCode.REOPEN_PENDING, "period",
                    "a reopen of " + command.period() + " already waits for approval");
        }
        PeriodReopenRequested requested = new PeriodReopenRequested(command.period(), command.reason(), actor,
                command.at());
        apply(requested);
        return requested;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodReopened handle(ApprovePeriodReopen command, @MetaDataValue(Metadata.ACTOR) String actor) {
        if (pendingReopen == null || !pendingReopen.period().equals(command.period())) {
            throw new LedgerRejection(RejectionCode.REOPEN_NOT_PENDING, "period",
                    "no reopen of " + command.period() + " waits for approval");
        }
        if (Objects.equals(pendingReopen.requestedBy(), actor)) {
            throw new LedgerRejection(RejectionCode.APPROVER_IS_REQUESTER, null,
                    "the key that asked to reopen " + command.period() + " may not approve it");
        }
        PeriodReopened reopened = new PeriodReopened(command.period(), pendingReopen.reason(),
                pendingReopen.requestedBy(), actor, command.at());
        apply(reopened);
        return reopened;
    }

    @EventSourcingHandler
    void on(PeriodClosed event) {
        booksId = Books.ID;
        closedThrough = YearMonth.parse(event.period());
    }

    @EventSourcingHandler
    void on(PeriodReopenRequested event) {
        pendingReopen = event;
    }

    @EventSourcingHandler
    void on(PeriodReopened event) {
        closedThrough = YearMonth.parse(event.period()).minusMonths(1);
        pendingReopen = null;
    }

    private static YearMonth period(String label) {
        return Books.parse(label).orElseThrow(() -> new LedgerRejection(RejectionCode.VALIDATION_FAILED, "period",
                "a period is a month, YYYY-MM"));
    }
}
