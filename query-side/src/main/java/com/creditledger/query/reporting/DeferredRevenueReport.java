package com.creditledger.query.reporting;

import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.projection.LedgerSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;


/**
 * The deferred revenue (contract liability, account 2400) roll-forward of docs/accounting.md, reports, per period
 * and currency: opening + top-up cash − usage revenue − breakage − refunds − other = closing, with
 * the memo of revenue recognized out of the opening balance and the credits roll-forward. Read from
 * the monthly sums the projections keep ({@link com.creditledger.query.summary.MonthlySummaries}),
 * never by rescanning events or lines.
 */
@Component
public class DeferredRevenueReport {

    private static final String OPENING_CREDITS = LedgerSql.of("""
            SELECT currency, SUM(CASE kind WHEN {GRANTED} THEN credits ELSE -credits END) FROM qs_credit_month
            WHERE scope = :scope AND month < :start GROUP BY currency""");

    private static final String CREDITS_BY_PERIOD = LedgerSql.of("""
            SELECT to_char(month, :label) AS period, currency,
                   COALESCE(SUM(credits) FILTER (WHERE kind = {GRANTED}), 0),
                   COALESCE(SUM(credits) FILTER (WHERE kind IN ({CONSUMED}, {NETTED})), 0),
                   COALESCE(SUM(credits) FILTER (WHERE kind = {EXPIRED}), 0),
                   COALESCE(SUM(credits) FILTER (WHERE kind = {REFUNDED}), 0)
            FROM qs_credit_month
            WHERE scope = :scope AND month >= :start AND month < :end
            GROUP BY 1, 2""");

    private final NamedParameterJdbcTemplate jdbc;

    DeferredRevenueReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record CreditsRollForward(Credits opening, Credits granted, Credits consumed, Credits expired,
                                     Credits refunded, Credits closing) {
    }

    public record Row(String period, String currency, Money openingBalance, Money topUpCash, Money usageRevenue,
                      Money breakage, Money refunds, Money other, Money closingBalance,
                      Money revenueFromOpeningBalance, CreditsRollForward credits) {
    }

    private record Key(String period, String currency) {
    }

    private record CashSums(Money topUpCash, Money usage, Money breakage, Money refunds, Money other, Money fromOpening) {
    }

    private record CreditSums(Credits granted, Credits consumed, Credits expired, Credits refunded) {
    }

    /** @param accountId one account, or null for the whole ledger */
    public List<Row> rollForward(YearMonth from, YearMonth to, ReportPeriod.Granularity granularity, String accountId) {
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
                .addValue("account", accountId);

        Map<String, Money> openingCash = new HashMap<>();
        jdbc.query("""
                SELECT currency, SUM(credit - debit) FROM qs_liability_month
                WHERE scope = :scope AND month < :start GROUP BY currency""", parameters,
                rs -> { openingCash.put(rs.getString(1), Money.of(rs.getBigDecimal(2))); });
        Map<String, Credits> openingCredits = new HashMap<>();
        jdbc.query(OPENING_CREDITS, parameters,
                rs -> { openingCredits.put(rs.getString(1), Credits.of(rs.getBigDecimal(2))); });

        Map<Key, CashSums> cash = new HashMap<>();
        jdbc.query("""
                SELECT to_char(month, :label) AS period, currency,
                       COALESCE(SUM(credit) FILTER (WHERE source = 'topup'), 0),
                       COALESCE(SUM(debit - credit) FILTER (WHERE source = 'usage'), 0),
                       COALESCE(SUM(debit - credit) FILTER (WHERE source = 'breakage'), 0),
                       COALESCE(SUM(debit - credit) FILTER (WHERE source = 'refund'), 0),
                       COALESCE(SUM(debit - credit) FILTER (WHERE source NOT IN ('topup', 'usage', 'breakage', 'refund')), 0),
                       COALESCE(SUM(debit - credit) FILTER (WHERE source IN ('usage', 'breakage')
                           AND lot_month < date_trunc(:unit, month)::date), 0)
                FROM qs_liability_month
                WHERE scope = :scope AND month >= :start AND month < :end
                GROUP BY 1, 2""", parameters, rs -> {
            cash.put(new Key(rs.getString(1), rs.getString(2)), new CashSums(money(rs.getBigDecimal(3)),
                    money(rs.getBigDecimal(4)), money(rs.getBigDecimal(5)), money(rs.getBigDecimal(6)),
                    money(rs.getBigDecimal(7)), money(rs.getBigDecimal(8))));
        });
        Map<Key, CreditSums> credits = new HashMap<>();
        jdbc.query(CREDITS_BY_PERIOD, parameters, rs -> {
            credits.put(new Key(rs.getString(1), rs.getString(2)), new CreditSums(Credits.of(rs.getBigDecimal(3)),
                    Credits.of(rs.getBigDecimal(4)), Credits.of(rs.getBigDecimal(5)), Credits.of(rs.getBigDecimal(6))));
        });

        // A row for every currency the accounts hold, so a period without activity still shows.
        TreeSet<String> currencies = new TreeSet<>(jdbc.queryForList("""
                SELECT DISTINCT currency FROM qs_account
                WHERE CAST(:account AS VARCHAR) IS NULL OR account_id = :account""", parameters, String.class));

        List<Row> rows = new ArrayList<>();
        CashSums noCash = new CashSums(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
        CreditSums noCredits = new CreditSums(Credits.ZERO, Credits.ZERO, Credits.ZERO, Credits.ZERO);
        for (String currency : currencies) {
            Money opening = openingCash.getOrDefault(currency, Money.ZERO);
            Credits openingCr = openingCredits.getOrDefault(currency, Credits.ZERO);
            for (ReportPeriod period : periods) {
                Key key = new Key(period.label(), currency);
                CashSums c = cash.getOrDefault(key, noCash);
                CreditSums k = credits.getOrDefault(key, noCredits);
                Money closing = opening.plus(c.topUpCash()).minus(c.usage()).minus(c.breakage()).minus(c.refunds())
                        .minus(c.other());
                Credits closingCr = openingCr.plus(k.granted()).minus(k.consumed()).minus(k.expired()).minus(k.refunded());
                rows.add(new Row(period.label(), currency, opening, c.topUpCash(), c.usage(), c.breakage(), c.refunds(),
                        c.other(), closing, c.fromOpening(),
                        new CreditsRollForward(openingCr, k.granted(), k.consumed(), k.expired(), k.refunded(), closingCr)));
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
