package com.creditledger.command.expiry;

import com.creditledger.command.CommandSideViews;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.topup.TopUpPurchased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The lots waiting for expiry. Kept by a subscribing handler in the same transaction as the events,
 * so a lot is scheduled exactly when it is created and unscheduled exactly when it expires: a
 * restart loses nothing and never expires a lot twice.
 */
@Component
@ProcessingGroup(CommandSideViews.GROUP)
public class ExpirySchedule {

    private final JdbcTemplate jdbc;

    ExpirySchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TopUpPurchased event) {
        jdbc.batchUpdate("INSERT INTO lot_expiry (account_id, lot_id, expires_at) VALUES (?, ?, ?)",
                event.lots(), event.lots().size(), (ps, lot) -> {
                    ps.setString(1, event.accountId());
                    ps.setString(2, lot.lotId());
                    ps.setObject(3, utc(lot.expiresAt()));
                });
    }

    @EventHandler
    void on(CreditExpired event) {
        markExpired(event.accountId(), event.lotId());
    }

    void markExpired(String accountId, String lotId) {
        jdbc.update("UPDATE lot_expiry SET expired = TRUE WHERE account_id = ? AND lot_id = ?", accountId, lotId);
    }

    List<DueLot> dueAt(Instant now, int limit) {
        return jdbc.query("SELECT account_id, lot_id FROM lot_expiry WHERE NOT expired AND expires_at <= ? "
                        + "ORDER BY expires_at, account_id, lot_id LIMIT ?",
                (rs, row) -> new DueLot(rs.getString(1), rs.getString(2)), utc(now), limit);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record DueLot(String accountId, String lotId) {
    }

}
