package com.creditledger.command.expiry;

import com.creditledger.command.CommandSideViews;
import com.creditledger.kernel.alert.AlertRulesSet;
import com.creditledger.kernel.alert.LotExpiring;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.reservation.CreditReserved;
import com.creditledger.kernel.reservation.ReservationCaptured;
import com.creditledger.kernel.reservation.ReservationExpired;
import com.creditledger.kernel.reservation.ReservationExtended;
import com.creditledger.kernel.reservation.ReservationReleased;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.plan.PlanCancelled;
import com.creditledger.kernel.plan.PlanRenewed;
import com.creditledger.kernel.plan.PlanSet;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.TopUpPurchased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The lots and holds waiting for expiry. Kept by a subscribing handler in the same transaction as
 * the events, so each is scheduled exactly when it is created (or a hold extended) and unscheduled
 * exactly when it ends: a restart loses nothing and never expires anything twice.
 */
@Component
@ProcessingGroup(CommandSideViews.GROUP)
public class ExpirySchedule {

    private final JdbcTemplate jdbc;

    ExpirySchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Lot ids never contain it, so a notice is named by its lot and its days. */
    static final String NOTICE = "@";

    @EventHandler
    void on(TopUpPurchased event) {
        schedule(event.accountId(), event.lots());
    }

    @EventHandler
    void on(CreditGranted event) {
        schedule(event.accountId(), List.of(event.lot()));
    }

    @EventHandler
    void on(PlanRenewed event) {
        schedule(event.accountId(), List.of(event.lot()));
        renewNext(event.accountId(), event.nextRenewal());
    }

    @EventHandler
    void on(PlanSet event) {
        renewNext(event.accountId(), event.nextRenewal());
    }

    @EventHandler
    void on(PlanCancelled event) {
        renewNext(event.accountId(), event.nextRenewal());
    }

    private void renewNext(String accountId, String month) {
        jdbc.update("INSERT INTO plan_renewal (account_id, next_month) VALUES (?, ?) "
                        + "ON CONFLICT (account_id) DO UPDATE SET next_month = excluded.next_month", accountId,
                month == null ? null : YearMonth.parse(month).atDay(1));
    }

    /** Plans whose next month has begun, as {@code YYYY-MM}. */
    List<Due> renewalsDueAt(Instant now, int limit) {
        return jdbc.query("SELECT account_id, to_char(next_month, 'YYYY-MM') FROM plan_renewal "
                        + "WHERE next_month IS NOT NULL AND next_month <= CAST(? AS TIMESTAMPTZ) AT TIME ZONE 'UTC' "
                        + "ORDER BY next_month, account_id LIMIT ?",
                (rs, row) -> new Due(rs.getString(1), rs.getString(2)), utc(now), limit);
    }

    /** A renewal the account refused (no plan then): nothing more to bill until a plan event says so. */
    void markRenewed(String accountId, String month) {
        jdbc.update("UPDATE plan_renewal SET next_month = NULL WHERE account_id = ? AND next_month = ?", accountId,
                YearMonth.parse(month).atDay(1));
    }

    @EventHandler
    void on(CreditExpired event) {
        markExpired(event.accountId(), event.lotId());
        jdbc.update("UPDATE lot_notice SET done = TRUE WHERE account_id = ? AND lot_id = ?", event.accountId(),
                event.lotId());
    }

    /** Each new lot expires at its instant and gets a notice per notice day of its account before that. */
    private void schedule(String accountId, List<LotGranted> lots) {
        for (LotGranted lot : lots) {
            jdbc.update("INSERT INTO lot_notice (account_id, lot_id, days_before, due_at) "
                            + "SELECT ?, ?, d, CAST(? AS TIMESTAMPTZ) - make_interval(days => d) FROM unnest(COALESCE("
                            + "(SELECT days FROM notice_days WHERE account_id = ?), ARRAY[60, 7, 1])) d "
                            + "WHERE CAST(? AS TIMESTAMPTZ) - make_interval(days => d) > ? ON CONFLICT DO NOTHING",
                    accountId, lot.lotId(), utc(lot.expiresAt()), accountId, utc(lot.expiresAt()),
                    utc(lot.grantedAt()));
        }
        jdbc.batchUpdate("INSERT INTO lot_expiry (account_id, lot_id, expires_at) VALUES (?, ?, ?)",
                lots, lots.size(), (ps, lot) -> {
                    ps.setString(1, accountId);
                    ps.setString(2, lot.lotId());
                    ps.setObject(3, utc(lot.expiresAt()));
                });
    }

    /** New notice days reach the lots already granted too; days no longer asked for are skipped by the account. */
    @EventHandler
    void on(AlertRulesSet event) {
        Integer[] days = event.expiryNoticeDays().toArray(Integer[]::new);
        jdbc.update("INSERT INTO notice_days (account_id, days) VALUES (?, ?) "
                + "ON CONFLICT (account_id) DO UPDATE SET days = excluded.days", event.accountId(), days);
        jdbc.update("INSERT INTO lot_notice (account_id, lot_id, days_before, due_at) "
                + "SELECT l.account_id, l.lot_id, d, l.expires_at - make_interval(days => d) "
                + "FROM lot_expiry l, unnest(CAST(? AS INTEGER[])) d WHERE l.account_id = ? AND NOT l.expired "
                + "ON CONFLICT DO NOTHING", days, event.accountId());
    }

    @EventHandler
    void on(LotExpiring event) {
        markNoticed(event.accountId(), event.lotId() + NOTICE + event.daysBefore());
    }

    /** @param notice {@code <lotId>@<days>}, as {@link #noticesDueAt} names it */
    void markNoticed(String accountId, String notice) {
        int at = notice.lastIndexOf(NOTICE);
        jdbc.update("UPDATE lot_notice SET done = TRUE WHERE account_id = ? AND lot_id = ? AND days_before = ?",
                accountId, notice.substring(0, at), Integer.parseInt(notice.substring(at + 1)));
    }

    List<Due> noticesDueAt(Instant now, int limit) {
        return jdbc.query("SELECT account_id, lot_id || '" + NOTICE + "' || days_before FROM lot_notice "
                        + "WHERE NOT done AND due_at <= ? ORDER BY due_at, account_id, lot_id, days_before LIMIT ?",
                (rs, row) -> new Due(rs.getString(1), rs.getString(2)), utc(now), limit);
    }

    void markExpired(String accountId, String lotId) {
        jdbc.update("UPDATE lot_expiry SET expired = TRUE WHERE account_id = ? AND lot_id = ?", accountId, lotId);
    }

    @EventHandler
    void on(CreditReserved event) {
        jdbc.update("INSERT INTO hold_expiry (account_id, reservation_id, expires_at) VALUES (?, ?, ?)",
                event.accountId(), event.reservationId(), utc(event.expiresAt()));
    }

    @EventHandler
    void on(ReservationExtended event) {
        jdbc.update("UPDATE hold_expiry SET expires_at = ? WHERE account_id = ? AND reservation_id = ?",
                utc(event.expiresAt()), event.accountId(), event.reservationId());
    }

    @EventHandler
    void on(ReservationCaptured event) {
        if (event.finalCapture()) {
            markEnded(event.accountId(), event.reservationId());
        }
    }

    @EventHandler
    void on(ReservationReleased event) {
        markEnded(event.accountId(), event.reservationId());
    }

    @EventHandler
    void on(ReservationExpired event) {
        markEnded(event.accountId(), event.reservationId());
    }

    void markEnded(String accountId, String reservationId) {
        jdbc.update("UPDATE hold_expiry SET ended = TRUE WHERE account_id = ? AND reservation_id = ?",
                accountId, reservationId);
    }

    List<Due> holdsDueAt(Instant now, int limit) {
        return jdbc.query("SELECT account_id, reservation_id FROM hold_expiry WHERE NOT ended AND expires_at <= ? "
                        + "ORDER BY expires_at, account_id, reservation_id LIMIT ?",
                (rs, row) -> new Due(rs.getString(1), rs.getString(2)), utc(now), limit);
    }

    List<Due> dueAt(Instant now, int limit) {
        return jdbc.query("SELECT account_id, lot_id FROM lot_expiry WHERE NOT expired AND expires_at <= ? "
                        + "ORDER BY expires_at, account_id, lot_id LIMIT ?",
                (rs, row) -> new Due(rs.getString(1), rs.getString(2)), utc(now), limit);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A lot or a hold of an account that is due. */
    record Due(String accountId, String id) {
    }

}
