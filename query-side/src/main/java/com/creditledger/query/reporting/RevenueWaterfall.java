package com.creditledger.query.reporting;

import com.creditledger.kernel.value.Money;
import com.creditledger.query.projection.LedgerSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Revenue by top-up cohort (the month a lot was granted, rows) and recognition month (columns):
 * how each month's cash turns into usage revenue and breakage over time.
 */
@Component
public class RevenueWaterfall {

    /** What left each cohort's contract liability, by month: recognized (usage, breakage) or refunded. */
    private static final String LIABILITY_RELEASED = LedgerSql.of("""
            SELECT to_char(l.granted_at AT TIME ZONE 'UTC', 'YYYY-MM') || ' ' || j.currency,
                   to_char(j.business_time AT TIME ZONE 'UTC', 'YYYY-MM'), j.source = 'refund', SUM(j.debit - j.credit)
            FROM qs_journal_line j JOIN qs_lot l ON l.account_id = j.account_id AND l.lot_id = j.lot_id
            WHERE j.account_code = {CONTRACT_LIABILITY} AND j.source IN ('usage', 'breakage', 'refund')
              AND (CAST(:account AS VARCHAR) IS NULL OR j.account_id = :account)
            GROUP BY 1, 2, 3 ORDER BY 1, 2""");

    private final NamedParameterJdbcTemplate jdbc;

    RevenueWaterfall(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code deferred} = cash − recognized (usage and breakage) − refunded: the cohort's contract liability left. */
    public record Cohort(String cohort, String currency, Money cash, Map<String, Money> recognized, Money total,
                         Money refunded, Money deferred) {
    }

    public List<Cohort> cohorts(String accountId) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("account", accountId);
        Map<String, Money> cash = new LinkedHashMap<>();
        jdbc.query("""
                SELECT to_char(l.granted_at AT TIME ZONE 'UTC', 'YYYY-MM') || ' ' || a.currency, SUM(l.allocated_cash)
                FROM qs_lot l JOIN qs_account a ON a.account_id = l.account_id
                WHERE CAST(:account AS VARCHAR) IS NULL OR l.account_id = :account
                GROUP BY 1 ORDER BY 1""", parameters,
                rs -> { cash.put(rs.getString(1), Money.of(rs.getBigDecimal(2))); });
        Map<String, Map<String, Money>> recognized = new TreeMap<>();
        Map<String, Money> refunded = new TreeMap<>();
        jdbc.query(LIABILITY_RELEASED, parameters, rs -> {
            Money released = Money.of(rs.getBigDecimal(4));
            if (rs.getBoolean(3)) {
                refunded.merge(rs.getString(1), released, Money::plus);
            } else {
                recognized.computeIfAbsent(rs.getString(1), cohort -> new TreeMap<>()).put(rs.getString(2), released);
            }
        });
        List<Cohort> cohorts = new ArrayList<>();
        cash.forEach((cohortAndCurrency, cohortCash) -> {
            String[] parts = cohortAndCurrency.split(" ");
            Map<String, Money> months = recognized.getOrDefault(cohortAndCurrency, Map.of());
            Money total = months.values().stream().reduce(Money.ZERO, Money::plus);
            Money refunds = refunded.getOrDefault(cohortAndCurrency, Money.ZERO);
            cohorts.add(new Cohort(parts[0], parts[1], cohortCash, months, total, refunds,
                    cohortCash.minus(total).minus(refunds)));
        });
        return cohorts;
    }
}
