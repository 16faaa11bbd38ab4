package com.creditledger.query.reporting;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.projection.LedgerSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static com.creditledger.query.projection.Projections.utc;


/**
 * The deferred revenue (contract liability, account 2400) roll-forward of docs/accounting.md, reports, per period
 * and currency: opening + top-up cash − usage revenue − breakage − refunds − other = closing, with
 * the memo of revenue recognized out of the opening balance and the credits roll-forward. Read from
 * the monthly sums the projections keep ({@link com.creditledger.query.summary.MonthlySummaries}),
 * never by rescanning events or lines.
 */
@Component
public class DeferredRevenueReport {

    /** The liability by posting month: the monthly sums, or the lines recorded by {@code :known}. */
    private static final String LIABILITY_SUMS = "(SELECT * FROM qs_liability_month WHERE scope = :scope)";
    private static final String LIABILITY_KNOWN = LedgerSql.of("""
            (SELECT j.currency, j.posting_month AS month, j.source, j.debit, j.credit,
                    COALESCE(date_trunc('month', l.granted_at AT TIME ZONE 'UTC')::date, DATE '9999-12-01') AS lot_month,
                    j.posting_month <> date_trunc('month', j.business_time AT TIME ZONE 'UTC')::date AS late
             FROM qs_journal_line j LEFT JOIN qs_lot l ON l.account_id = j.account_id AND l.lot_id = j.lot_id
             WHERE j.account_code = {CONTRACT_LIABILITY} AND j.recorded_at <= :known
               AND (CAST(:account AS VARCHAR) IS NULL OR j.account_id = :account))""");
    /** Lot credit by posting month, likewise. */
    private static final String CREDIT_SUMS = "(SELECT * FROM qs_credit_month WHERE scope = :scope)";
    private static final String CREDIT_KNOWN = """
            (SELECT a.currency, m.posting_month AS month, m.kind, m.credits
             FROM qs_credit_movement m JOIN qs_account a ON a.account_id = m.account_id
             WHERE m.lot_id IS NOT NULL AND m.recorded_at <= :known
               AND (CAST(:account AS VARCHAR) IS NULL OR m.account_id = :account))""";

    private static final String OPENING_CASH = "SELECT currency, SUM(credit - debit) FROM %s s WHERE month < :start GROUP BY currency";

    private static final String CASH_BY_PERIOD = """
            SELECT to_char(month, :label) AS period, currency,
                   COALESCE(SUM(credit) FILTER (WHERE source = 'topup'), 0),
                   COALESCE(SUM(credit - debit) FILTER (WHERE source = 'plan'), 0),
                   COALESCE(SUM(debit - credit) FILTER (WHERE source = 'usage'), 0),
                   COALESCE(SUM(debit - credit) FILTER (WHERE source = 'breakage'), 0),
                   COALESCE(SUM(debit - credit) FILTER (WHERE source = 'refund'), 0),
                   COALESCE(SUM(debit - credit) FILTER (WHERE source NOT IN ('topup', 'plan', 'usage', 'breakage', 'refund')), 0),
                   COALESCE(SUM(debit - credit) FILTER (WHERE source IN ('usage', 'breakage')
                       AND lot_month < date_trunc(:unit, month)::date), 0),
                   COALESCE(SUM(debit - credit) FILTER (WHERE source = 'usage' AND late), 0)
            FROM %s s
            WHERE month >= :start AND month < :end
            GROUP BY 1, 2""";

    private static final String OPENING_CREDITS = LedgerSql.of("""
            SELECT currency, SUM(CASE kind WHEN {GRANTED} THEN credits ELSE -credits END) FROM %s s
            WHERE month < :start GROUP BY currency""");

    private static final String CREDITS_BY_PERIOD = LedgerSql.of("""
            SELECT to_char(month, :label) AS period, currency,
                   COALESCE(SUM(credits) FILTER (WHERE kind = {GRANTED}), 0),
                   COALESCE(SUM(credits) FILTER (WHERE kind IN ({CONSUMED}, {NETTED})), 0),
                   COALESCE(SUM(credits) FILTER (WHERE kind = {EXPIRED}), 0),
                   COALESCE(SUM(credits) FILTER (WHERE kind = {REFUNDED}), 0)
            FROM %s s
            WHERE month >= :start AND month < :end
            GROUP BY 1, 2""");

    /** Promotional credit granted (no cash), by posting period: the roll-forward's "granted free" memo. */
    private static final String GRANTED_FREE = LedgerSql.of("""
            SELECT to_char(m.posting_month, :label) AS period, a.currency, SUM(m.credits)
            FROM qs_lot l
            JOIN qs_credit_movement m ON m.account_id = l.account_id AND m.lot_id = l.lot_id AND m.kind = {GRANTED}
            JOIN qs_account a ON a.account_id = l.account_id
            WHERE l.kind = 'PROMOTIONAL' AND m.posting_month >= :start AND m.posting_month < :end
              AND (CAST(:known AS TIMESTAMPTZ) IS NULL OR m.recorded_at <= :known)
              AND (CAST(:account AS VARCHAR) IS NULL OR l.account_id = :account)
            GROUP BY 1, 2""");

    private final NamedParameterJdbcTemplate jdbc;

    DeferredRevenueReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code grantedFree}: the part of {@code granted} given without cash (promotional grants). */
    public record CreditsRollForward(Credits opening, Credits granted, Credits grantedFree, Credits consumed,
                                     Credits expired, Credits refunded, Credits closing) {
    }

    /** {@code planFees}: plan months billed, deferred like top-up cash. */
    public record Row(String period, String currency, Money openingBalance, Money topUpCash, Money planFees,
                      Money usageRevenue,
                      Money breakage, Money refunds, Money other, Money closingBalance,
                      Money revenueFromOpeningBalance, Money usageRevenueOutOfPeriod, CreditsRollForward credits) {
    }

    private record Key(String period, String currency) {
    }

    private record CashSums(Money topUpCash, Money planFees, Money usage, Money breakage, Money refunds, Money other, Money fromOpening,
                            Money outOfPeriod) {
    }

    private record CreditSums(Credits granted, Credits consumed, Credits expired, Credits refunded) {
    }

    /**
     * Periods are posting periods: what was recorded after its month closed counts in the month it
     * was posted in ({@code usageRevenueOutOfPeriod} says how much of the usage revenue that is).
     *
     * @param accountId one account, or null for the whole ledger
     * @param knownAt   only what was recorded by then, or null for everything recorded so far
     */
    public List<Row> rollForward(YearMonth from, YearMonth to, ReportPeriod.Granularity granularity, String accountId,
                                 Instant knownAt) {
        List<ReportPeriod> periods = ReportPeriod.between(from, to, granularity);
        if (periods.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("start", LocalDate.ofInstant(periods.get(0).start(), ZoneOffset.UTC))
                .addValue("end", LocalDate.ofInstant(periods.get(periods.size() - 1).end(), ZoneOffset.UTC))
                .addValue("unit", granularity.truncUnit)
                .addValue("label", granularity.labelFormat)
                .addValue("scope", accountId == null ? "*" : accountId)
                .addValue("account", accountId)
                .addValue("known", knownAt == null ? null : utc(knownAt));
        String liability = knownAt == null ? LIABILITY_SUMS : LIABILITY_KNOWN;
        String lotCredit = knownAt == null ? CREDIT_SUMS : CREDIT_KNOWN;

        Map<String, Money> openingCash = new HashMap<>();
        jdbc.query(OPENING_CASH.formatted(liability), parameters,
                rs -> { openingCash.put(rs.getString(1), Money.of(rs.getBigDecimal(2))); });
        Map<String, Credits> openingCredits = new HashMap<>();
        jdbc.query(OPENING_CREDITS.formatted(lotCredit), parameters,
                rs -> { openingCredits.put(rs.getString(1), Credits.of(rs.getBigDecimal(2))); });

        Map<Key, CashSums> cash = new HashMap<>();
        jdbc.query(CASH_BY_PERIOD.formatted(liability), parameters, rs -> {
            cash.put(new Key(rs.getString(1), rs.getString(2)), new CashSums(money(rs.getBigDecimal(3)),
                    money(rs.getBigDecimal(4)), money(rs.getBigDecimal(5)), money(rs.getBigDecimal(6)),
                    money(rs.getBigDecimal(7)), money(rs.getBigDecimal(8)), money(rs.getBigDecimal(9)),
                    money(rs.getBigDecimal(10))));
        });
        Map<Key, CreditSums> credits = new HashMap<>();
        jdbc.query(CREDITS_BY_PERIOD.formatted(lotCredit), parameters, rs -> {
            credits.put(new Key(rs.getString(1), rs.getString(2)), new CreditSums(Credits.of(rs.getBigDecimal(3)),
                    Credits.of(rs.getBigDecimal(4)), Credits.of(rs.getBigDecimal(5)), Credits.of(rs.getBigDecimal(6))));
        });

        Map<Key, Credits> grantedFree = new HashMap<>();
        jdbc.query(GRANTED_FREE, parameters, rs -> {
            grantedFree.put(new Key(rs.getString(1), rs.getString(2)), Credits.of(rs.getBigDecimal(3)));
        });

        // A row for every currency the accounts hold, so a period without activity still shows.
        TreeSet<String> currencies = new TreeSet<>(jdbc.queryForList("""
                SELECT DISTINCT currency FROM qs_account
                WHERE CAST(:account AS VARCHAR) IS NULL OR account_id = :account""", parameters, String.class));

        List<Row> rows = new ArrayList<>();
        CashSums noCash = new CashSums(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO,
                Money.ZERO, Money.ZERO);
        CreditSums noCredits = new CreditSums(Credits.ZERO, Credits.ZERO, Credits.ZERO, Credits.ZERO);
        for (String currency : currencies) {
            Money opening = openingCash.getOrDefault(currency, Money.ZERO);
            Credits openingCr = openingCredits.getOrDefault(currency, Credits.ZERO);
            for (ReportPeriod period : periods) {
                Key key = new Key(period.label(), currency);
                CashSums c = cash.getOrDefault(key, noCash);
                CreditSums k = credits.getOrDefault(key, noCredits);
                Money closing = opening.plus(c.topUpCash()).plus(c.planFees()).minus(c.usage()).minus(c.breakage()).minus(c.refunds())
                        .minus(c.other());
                Credits closingCr = openingCr.plus(k.granted()).minus(k.consumed()).minus(k.expired()).minus(k.refunded());
                rows.add(new Row(period.label(), currency, opening, c.topUpCash(), c.planFees(), c.usage(), c.breakage(), c.refunds(),
                        c.other(), closing, c.fromOpening(), c.outOfPeriod(),
                        new CreditsRollForward(openingCr, k.granted(),
                                grantedFree.getOrDefault(key, Credits.ZERO), k.consumed(), k.expired(), k.refunded(), closingCr)));
                opening = closing;
                openingCr = closingCr;
            }
        }
        return rows;
    }

    private static Money money(BigDecimal value) {
        return Money.of(value);
    }
}
