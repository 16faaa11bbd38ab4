package com.creditledger.query.balance;

import com.creditledger.kernel.lot.LotUsability;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.projection.LedgerSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Every lot as it stood at an instant: credits used, expired, refunded and left, cash allocated
 * and still deferred. Sums of movements and journal lines up to the instant, so an answer about
 * a past instant never changes once later events are dated later.
 */
@Component
public class LotStates {

    /** An instant after every event: "everything recorded so far". */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private static final String LOTS_AS_OF = LedgerSql.of("""
            SELECT l.account_id, l.lot_id, l.top_up_id, l.kind, a.currency, l.granted, l.overage_netted,
                   l.allocated_cash, l.granted_at, l.expires_at, l.priority,
                   COALESCE(m.used, 0) AS used, COALESCE(m.expired, 0) AS expired, COALESCE(m.refunded, 0) AS refunded,
                   COALESCE(j.deferred, 0) AS deferred
            FROM qs_lot l
            JOIN qs_account a ON a.account_id = l.account_id
            LEFT JOIN (SELECT account_id, lot_id,
                              SUM(credits) FILTER (WHERE kind IN ({CONSUMED}, {NETTED})) AS used,
                              SUM(credits) FILTER (WHERE kind = {EXPIRED}) AS expired,
                              SUM(credits) FILTER (WHERE kind = {REFUNDED}) AS refunded
                       FROM qs_credit_movement
                       WHERE lot_id IS NOT NULL AND business_time <= :at AND recorded_at <= :known
                       GROUP BY account_id, lot_id) m ON m.account_id = l.account_id AND m.lot_id = l.lot_id
            LEFT JOIN (SELECT account_id, lot_id, SUM(credit - debit) AS deferred
                       FROM qs_journal_line
                       WHERE account_code = {CONTRACT_LIABILITY} AND lot_id IS NOT NULL AND business_time <= :at
                         AND recorded_at <= :known
                       GROUP BY account_id, lot_id) j ON j.account_id = l.account_id AND j.lot_id = l.lot_id
            WHERE l.granted_at <= :at AND l.recorded_at <= :known
              AND (CAST(:account AS VARCHAR) IS NULL OR l.account_id = :account)
            ORDER BY l.account_id, l.expires_at, l.lot_id
            """);

    private static final String OVERAGE_AS_OF = LedgerSql.of("""
            SELECT COALESCE(SUM(CASE kind WHEN {OVERAGE} THEN credits ELSE -credits END), 0)
            FROM qs_credit_movement
            WHERE account_id = :account AND kind IN ({OVERAGE}, {OVERAGE_NETTED}) AND business_time <= :at
              AND recorded_at <= :known
            """);

    private final NamedParameterJdbcTemplate jdbc;

    LotStates(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record LotState(String accountId, String lotId, String topUpId, String kind, String currency,
                           Credits granted, Credits used, Credits expired, Credits refunded, Credits remaining,
                           Money allocatedCash, String pricePerCredit, Money deferred,
                           Instant grantedAt, Instant expiresAt, int priority, Credits cashBearing) {

        public boolean isUsableAt(Instant at) {
            return LotUsability.usableAt(grantedAt, expiresAt, at);
        }
    }

    public static Instant orEndOfTime(Instant at) {
        return at == null ? END_OF_TIME : at;
    }

    /**
     * @param at        business time
     * @param knownAt   recording time: only what the ledger had recorded by then
     * @param accountId one account, or null for all
     */
    public List<LotState> asOf(Instant at, Instant knownAt, String accountId) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("at", utc(at)).addValue("known", utc(knownAt))
                .addValue("account", accountId);
        return jdbc.query(LOTS_AS_OF, parameters, (rs, row) -> {
            Credits granted = Credits.of(rs.getBigDecimal("granted"));
            Credits used = Credits.of(rs.getBigDecimal("used"));
            Credits expired = Credits.of(rs.getBigDecimal("expired"));
            Credits refunded = Credits.of(rs.getBigDecimal("refunded"));
            Money allocated = Money.of(rs.getBigDecimal("allocated_cash"));
            Credits cashBearing = granted.minus(Credits.of(rs.getBigDecimal("overage_netted")));
            String price = cashBearing.isZero() ? "0" : allocated.toBigDecimal()
                    .divide(cashBearing.toBigDecimal(), Credits.SCALE, RoundingMode.HALF_UP).toPlainString();
            return new LotState(rs.getString("account_id"), rs.getString("lot_id"), rs.getString("top_up_id"),
                    rs.getString("kind"), rs.getString("currency"), granted, used, expired, refunded,
                    granted.minus(used).minus(expired).minus(refunded), allocated, price,
                    Money.of(rs.getBigDecimal("deferred")),
                    rs.getObject("granted_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getInt("priority"), cashBearing);
        });
    }

    /** The account's overage (negative balance) at an instant, as known at another. */
    public Credits overageAsOf(Instant at, Instant knownAt, String accountId) {
        return Credits.of(jdbc.queryForObject(OVERAGE_AS_OF, new MapSqlParameterSource("at", utc(at))
                .addValue("known", utc(knownAt)).addValue("account", accountId), BigDecimal.class));
    }

    public static Credits usableAt(List<LotState> lots, Instant at) {
        return lots.stream().filter(lot -> lot.isUsableAt(at)).map(LotState::remaining).reduce(Credits.ZERO, Credits::plus);
    }
}
