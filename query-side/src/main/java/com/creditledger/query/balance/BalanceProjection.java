package com.creditledger.query.balance;

import com.creditledger.kernel.account.AccountClosed;
import com.creditledger.kernel.account.AccountOpened;
import com.creditledger.kernel.account.AccountReactivated;
import com.creditledger.kernel.account.AccountSuspended;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
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

    private final JdbcTemplate jdbc;

    BalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountOpened event) {
        jdbc.update("INSERT INTO qs_account (account_id, currency, billing_mode, status, opened_at) VALUES (?, ?, ?, 'ACTIVE', ?) "
                        + "ON CONFLICT DO NOTHING",
                event.accountId(), event.currency(), event.billingMode().name(), utc(event.openedAt()));
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
        jdbc.update("UPDATE qs_account SET status = ? WHERE account_id = ?", status, accountId);
    }

    @EventHandler
    void on(TopUpPurchased event, EventMessage<?> message, TrackingToken token) {
        Recorded recorded = Recorded.of(message, token);
        List<Movement> movements = new ArrayList<>();
        for (LotGranted lot : event.lots()) {
            jdbc.update("INSERT INTO qs_lot (account_id, lot_id, top_up_id, kind, granted, overage_netted, allocated_cash, "
                            + "granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    event.accountId(), lot.lotId(), event.topUpId(), lot.kind().name(), lot.credits().toBigDecimal(),
                    lot.overageNetted().toBigDecimal(), lot.allocatedCash().toBigDecimal(), utc(lot.grantedAt()),
                    utc(lot.expiresAt()));
            movements.add(new Movement(lot.lotId(), "granted", lot.credits()));
            if (lot.overageNetted().isPositive()) {
                movements.add(new Movement(lot.lotId(), "netted", lot.overageNetted()));
            }
        }
        if (event.overageNetted().isPositive()) {
            movements.add(new Movement(null, "overage_netted", event.overageNetted()));
        }
        record(recorded, event.accountId(), event.purchasedAt(), movements);
    }

    @EventHandler
    void on(UsageDebited event, EventMessage<?> message, TrackingToken token) {
        List<Movement> movements = new ArrayList<>();
        for (Draw draw : event.draws()) {
            movements.add(new Movement(draw.lotId(), "consumed", draw.credits()));
        }
        if (event.overage().isPositive()) {
            movements.add(new Movement(null, "overage", event.overage()));
        }
        record(Recorded.of(message, token), event.accountId(), event.occurredAt(), movements);
    }

    @EventHandler
    void on(CreditExpired event, EventMessage<?> message, TrackingToken token) {
        record(Recorded.of(message, token), event.accountId(), event.expiredAt(),
                List.of(new Movement(event.lotId(), "expired", event.credits())));
    }

    @EventHandler
    void on(Refunded event, EventMessage<?> message, TrackingToken token) {
        List<Movement> movements = new ArrayList<>();
        for (LotRefund part : event.lots()) {
            movements.add(new Movement(part.lotId(), "refunded", part.credits()));
        }
        record(Recorded.of(message, token), event.accountId(), event.refundedAt(), movements);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_account, qs_lot, qs_credit_movement RESTART IDENTITY");
    }

    private void record(Recorded recorded, String accountId, Instant businessTime, List<Movement> movements) {
        jdbc.batchUpdate("INSERT INTO qs_credit_movement (global_index, event_id, line, account_id, lot_id, business_time, kind, "
                + "credits) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int line) throws SQLException {
                Movement movement = movements.get(line);
                ps.setLong(1, recorded.globalIndex());
                ps.setString(2, recorded.eventId());
                ps.setInt(3, line);
                ps.setString(4, accountId);
                ps.setString(5, movement.lotId());
                ps.setObject(6, utc(businessTime));
                ps.setString(7, movement.kind());
                ps.setBigDecimal(8, movement.credits().toBigDecimal());
            }

            @Override
            public int getBatchSize() {
                return movements.size();
            }
        });
    }

    private record Movement(String lotId, String kind, Credits credits) {
    }

}
