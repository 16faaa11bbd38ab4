package com.creditledger.query.balance;

import com.creditledger.kernel.account.AccountClosed;
import com.creditledger.kernel.account.AccountOpened;
import com.creditledger.kernel.account.AccountReactivated;
import com.creditledger.kernel.account.AccountSuspended;
import com.creditledger.kernel.accounting.MovementKind;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.posting.PostingCalendar;
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

import static com.creditledger.query.projection.Projections.utc;

/**
 * Accounts, lots and every movement of credit. Balances, lot listings and the credits
 * roll-forward are sums of movements up to an instant, so they can be asked for any past instant.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class BalanceProjection {

    private static final PendingWrites.Statement ACCOUNT = Redelivery.rowPerEvent(10, "qs_account",
            "account_id, currency, billing_mode, status, opened_at", "account_id", "opened_at");
    private static final PendingWrites.Statement STATUS = new PendingWrites.Statement(20,
            "UPDATE qs_account SET status = ? WHERE account_id = ?");
    private static final PendingWrites.Statement LOT = Redelivery.rowPerEvent(30, "qs_lot",
            "account_id, lot_id, top_up_id, kind, granted, overage_netted, allocated_cash, granted_at, expires_at, "
                    + "priority, recorded_at",
            "account_id, lot_id", "top_up_id");
    private static final PendingWrites.Statement MOVEMENT = Redelivery.rowPerEvent(40, "qs_credit_movement",
            "global_index, event_id, line, account_id, lot_id, business_time, kind, credits, posting_month, recorded_at",
            "global_index, line", "event_id");

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;
    private final MonthlySummaries summaries;
    private final PostingCalendar calendar;
    private final AccountTerms terms;

    BalanceProjection(JdbcTemplate jdbc, PendingWrites writes, MonthlySummaries summaries, PostingCalendar calendar,
                      AccountTerms terms) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.summaries = summaries;
        this.calendar = calendar;
        this.terms = terms;
    }

    @EventHandler
    void on(AccountOpened event) {
        terms.opened(event.accountId(), event.currency(), event.billingMode());
        writes.add(ACCOUNT, event.accountId(), event.currency(), event.billingMode().name(), "ACTIVE", utc(event.openedAt()));
    }

    @EventHandler
    void on(AccountSuspended event) {
        status(event.accountId(), "SUSPENDED");
    }

    @EventHandler
    void on(AccountReactivated event) {
        status(event.accountId(), "ACTIVE");
    }

    @EventHandler
    void on(AccountClosed event) {
        status(event.accountId(), "CLOSED");
    }

    private void status(String accountId, String status) {
        writes.add(STATUS, status, accountId);
    }

    @EventHandler
    void on(TopUpPurchased event, EventMessage<?> message) {
        Recorded recorded = Recorded.of(message);
        List<Movement> movements = new ArrayList<>();
        for (LotGranted lot : event.lots()) {
            writes.add(LOT, event.accountId(), lot.lotId(), event.topUpId(), lot.kind().name(), lot.credits().toBigDecimal(),
                    lot.overageNetted().toBigDecimal(), lot.allocatedCash().toBigDecimal(), utc(lot.grantedAt()),
                    utc(lot.expiresAt()), lot.priority(), utc(recorded.recordedAt()));
            movements.add(new Movement(lot.lotId(), MovementKind.GRANTED, lot.credits()));
            if (lot.overageNetted().isPositive()) {
                movements.add(new Movement(lot.lotId(), MovementKind.NETTED, lot.overageNetted()));
            }
        }
        if (event.overageNetted().isPositive()) {
            movements.add(new Movement(null, MovementKind.OVERAGE_NETTED, event.overageNetted()));
        }
        record(recorded, event.accountId(), event.purchasedAt(), movements);
    }

    @EventHandler
    void on(CreditGranted event, EventMessage<?> message) {
        granted(Recorded.of(message), event.accountId(), event.grantId(), event.lot());
    }

    @EventHandler
    void on(PlanRenewed event, EventMessage<?> message) {
        granted(Recorded.of(message), event.accountId(), "plan-" + event.month(), event.lot());
    }

    /** A lot of its own, not bought by a top-up: {@code source} names the grant or plan month. */
    private void granted(Recorded recorded, String accountId, String source, LotGranted lot) {
        writes.add(LOT, accountId, lot.lotId(), source, lot.kind().name(), lot.credits().toBigDecimal(),
                lot.overageNetted().toBigDecimal(), lot.allocatedCash().toBigDecimal(), utc(lot.grantedAt()),
                utc(lot.expiresAt()), lot.priority(), utc(recorded.recordedAt()));
        record(recorded, accountId, lot.grantedAt(), List.of(new Movement(lot.lotId(), MovementKind.GRANTED, lot.credits())));
    }

    @EventHandler
    void on(UsageDebited event, EventMessage<?> message) {
        List<Movement> movements = new ArrayList<>();
        for (Draw draw : event.draws()) {
            movements.add(new Movement(draw.lotId(), MovementKind.CONSUMED, draw.credits()));
        }
        if (event.overage().isPositive()) {
            movements.add(new Movement(null, MovementKind.OVERAGE, event.overage()));
        }
        record(Recorded.of(message), event.accountId(), event.occurredAt(), movements);
    }

    @EventHandler
    void on(CreditExpired event, EventMessage<?> message) {
        record(Recorded.of(message), event.accountId(), event.expiredAt(),
                List.of(new Movement(event.lotId(), MovementKind.EXPIRED, event.credits())));
    }

    @EventHandler
    void on(Refunded event, EventMessage<?> message) {
        List<Movement> movements = new ArrayList<>();
        for (LotRefund part : event.lots()) {
            movements.add(new Movement(part.lotId(), MovementKind.REFUNDED, part.credits()));
        }
        record(Recorded.of(message), event.accountId(), event.refundedAt(), movements);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_account, qs_lot, qs_credit_movement RESTART IDENTITY");
    }

    private void record(Recorded recorded, String accountId, Instant businessTime, List<Movement> movements) {
        summaries.refreshAfterBatch(recorded.globalIndex());
        LocalDate postingMonth = calendar.postingMonth(businessTime, recorded.globalIndex());
        for (int line = 0; line < movements.size(); line++) {
            Movement movement = movements.get(line);
            writes.add(MOVEMENT, recorded.globalIndex(), recorded.eventId(), line, accountId, movement.lotId(),
                    utc(businessTime), movement.kind().code(), movement.credits().toBigDecimal(), postingMonth,
                    utc(recorded.recordedAt()));
        }
    }

    private record Movement(String lotId, MovementKind kind, Credits credits) {
    }

}
