package com.creditledger.query.history;

import com.creditledger.kernel.account.AccountClosed;
import com.creditledger.kernel.account.AccountOpened;
import com.creditledger.kernel.account.AccountReactivated;
import com.creditledger.kernel.account.AccountSuspended;
import com.creditledger.kernel.alert.AlertRulesSet;
import com.creditledger.kernel.alert.BalanceThresholdCrossed;
import com.creditledger.kernel.alert.LotExpiring;
import com.creditledger.kernel.alert.SpendThresholdReached;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.recharge.AutoRechargeCompleted;
import com.creditledger.kernel.recharge.AutoRechargeDisabled;
import com.creditledger.kernel.recharge.AutoRechargeFailed;
import com.creditledger.kernel.recharge.AutoRechargeRequested;
import com.creditledger.kernel.recharge.AutoRechargeSet;
import com.creditledger.kernel.refund.RefundCancelled;
import com.creditledger.kernel.refund.RefundRejected;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.grant.GrantRequested;
import com.creditledger.kernel.invoice.InvoiceIssued;
import com.creditledger.kernel.invoice.InvoicePaid;
import com.creditledger.kernel.plan.PlanCancelled;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.kernel.plan.PlanSet;
import com.creditledger.kernel.refund.RefundRequested;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.reservation.CreditReserved;
import com.creditledger.kernel.reservation.ReservationCaptured;
import com.creditledger.kernel.reservation.ReservationExpired;
import com.creditledger.kernel.reservation.ReservationExtended;
import com.creditledger.kernel.reservation.ReservationReleased;
import com.creditledger.kernel.spendlimit.SpendLimitSet;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.projection.PendingWrites;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import com.creditledger.query.projection.Redelivery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Every event of an account, in order, with what it did to the balance, for support's replay of an
 * account. The event itself is read from the event store by its position when history is asked for.
 * Debits, most of any account's events, are not written here: their usage rows say the same
 * ({@code qs_usage}: position, event id, time, actor and what the call took from the balance), and
 * {@link HistoryController} reads both. One row fewer per debit saved a replay a sixth of
 * PostgreSQL's work.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class HistoryProjection {

    private static final PendingWrites.Statement HISTORY = Redelivery.rowPerEvent(60, "qs_history",
            "global_index, event_id, account_id, event_type, business_time, recorded_at, balance_delta, actor",
            "global_index", "event_id");

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;

    HistoryProjection(JdbcTemplate jdbc, PendingWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(AccountOpened event, EventMessage<?> message) {
        record(message, event.accountId(), event.openedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AccountSuspended event, EventMessage<?> message) {
        record(message, event.accountId(), event.at(), Credits.ZERO);
    }

    @EventHandler
    void on(AccountReactivated event, EventMessage<?> message) {
        record(message, event.accountId(), event.at(), Credits.ZERO);
    }

    @EventHandler
    void on(AccountClosed event, EventMessage<?> message) {
        record(message, event.accountId(), event.at(), Credits.ZERO);
    }

    @EventHandler
    void on(TopUpPurchased event, EventMessage<?> message) {
        record(message, event.accountId(), event.purchasedAt(), event.totalCredits());
    }

    @EventHandler
    void on(CreditExpired event, EventMessage<?> message) {
        record(message, event.accountId(), event.expiredAt(), Credits.ZERO.minus(event.credits()));
    }

    @EventHandler
    void on(PlanSet event, EventMessage<?> message) {
        record(message, event.accountId(), event.setAt(), Credits.ZERO);
    }

    @EventHandler
    void on(PlanCancelled event, EventMessage<?> message) {
        record(message, event.accountId(), event.cancelledAt(), Credits.ZERO);
    }

    @EventHandler
    void on(PlanRenewed event, EventMessage<?> message) {
        record(message, event.accountId(), event.renewedAt(), event.lot().credits());
    }

    @EventHandler
    void on(InvoiceIssued event, EventMessage<?> message) {
        record(message, event.accountId(), event.issuedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(InvoicePaid event, EventMessage<?> message) {
        record(message, event.accountId(), event.paidAt(), Credits.ZERO);
    }

    @EventHandler
    void on(GrantRequested event, EventMessage<?> message) {
        record(message, event.accountId(), event.requestedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(CreditGranted event, EventMessage<?> message) {
        record(message, event.accountId(), event.grantedAt(), event.lot().credits());
    }

    @EventHandler
    void on(RefundRequested event, EventMessage<?> message) {
        record(message, event.accountId(), event.requestedAt(), Credits.ZERO);
    }

    /** Holds move no credit: the posted balance stays; the entries show when credit was kept and given back. */
    @EventHandler
    void on(CreditReserved event, EventMessage<?> message) {
        record(message, event.accountId(), event.occurredAt(), Credits.ZERO);
    }

    @EventHandler
    void on(ReservationExtended event, EventMessage<?> message) {
        record(message, event.accountId(), event.extendedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(ReservationCaptured event, EventMessage<?> message) {
        record(message, event.accountId(), event.capturedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(ReservationReleased event, EventMessage<?> message) {
        record(message, event.accountId(), event.releasedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(ReservationExpired event, EventMessage<?> message) {
        record(message, event.accountId(), event.expiredAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AlertRulesSet event, EventMessage<?> message) {
        record(message, event.accountId(), event.setAt(), Credits.ZERO);
    }

    @EventHandler
    void on(BalanceThresholdCrossed event, EventMessage<?> message) {
        record(message, event.accountId(), event.crossedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(LotExpiring event, EventMessage<?> message) {
        record(message, event.accountId(), event.noticeAt(), Credits.ZERO);
    }

    @EventHandler
    void on(SpendThresholdReached event, EventMessage<?> message) {
        record(message, event.accountId(), event.reachedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AutoRechargeSet event, EventMessage<?> message) {
        record(message, event.accountId(), event.setAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AutoRechargeRequested event, EventMessage<?> message) {
        record(message, event.accountId(), event.requestedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AutoRechargeCompleted event, EventMessage<?> message) {
        record(message, event.accountId(), event.completedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AutoRechargeFailed event, EventMessage<?> message) {
        record(message, event.accountId(), event.failedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(AutoRechargeDisabled event, EventMessage<?> message) {
        record(message, event.accountId(), event.disabledAt(), Credits.ZERO);
    }

    @EventHandler
    void on(SpendLimitSet event, EventMessage<?> message) {
        record(message, event.accountId(), event.setAt(), Credits.ZERO);
    }

    @EventHandler
    void on(RefundRejected event, EventMessage<?> message) {
        record(message, event.accountId(), event.rejectedAt(), Credits.ZERO);
    }

    @EventHandler
    void on(RefundCancelled event, EventMessage<?> message) {
        record(message, event.accountId(), event.cancelledAt(), Credits.ZERO);
    }

    @EventHandler
    void on(Refunded event, EventMessage<?> message) {
        record(message, event.accountId(), event.refundedAt(), Credits.ZERO.minus(event.credits()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_history");
    }

    private void record(EventMessage<?> message, String accountId, Instant businessTime, Credits delta) {
        Recorded recorded = Recorded.of(message);
        writes.add(HISTORY, recorded.globalIndex(), recorded.eventId(), accountId, message.getPayloadType().getSimpleName(),
                utc(businessTime), utc(recorded.recordedAt()), delta.toBigDecimal(), recorded.actor());
    }
}
