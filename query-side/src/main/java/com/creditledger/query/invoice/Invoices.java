package com.creditledger.query.invoice;

import com.creditledger.kernel.value.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

/**
 * Postpaid invoices (docs/domain.md, postpaid): one per account and UTC month, id {@code <accountId>:<yyyy-MM>},
 * with a line per model and dimension. Line credits are exact sums of the priced dimensions; the
 * total is the revenue the usage events recognized (cumulative rounding), so it ties to the journal.
 */
@Component
public class Invoices {

    private final NamedParameterJdbcTemplate jdbc;

    Invoices(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Summary(String invoiceId, String accountId, String month, Money total, long usageCount) {
    }

    public record Line(String model, String dimension, long tokens, BigDecimal credits, List<String> idempotencyKeys) {
    }

    public record Invoice(String invoiceId, String accountId, String month, Money total, List<Line> lines) {
    }

    public static String invoiceId(String accountId, YearMonth month) {
        return accountId + ":" + month;
    }

    public List<Summary> of(String accountId) {
        return jdbc.query("""
                SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, SUM(postpaid_revenue) AS total, COUNT(*) AS n
                FROM qs_usage u JOIN qs_account a ON a.account_id = u.account_id
                WHERE u.account_id = :account AND a.billing_mode = 'POSTPAID'
                GROUP BY 1 ORDER BY 1""", new MapSqlParameterSource("account", accountId), (rs, row) ->
                new Summary(invoiceId(accountId, YearMonth.parse(rs.getString("month"))), accountId,
                        rs.getString("month"), Money.of(rs.getBigDecimal("total")), rs.getLong("n")));
    }

    public Invoice get(String accountId, YearMonth month) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("account", accountId)
                .addValue("month", month.toString());
        List<Line> lines = jdbc.query("""
                SELECT COALESCE(u.model, '') AS model, COALESCE(d ->> 'dimension', 'amount') AS dimension,
                       SUM(COALESCE((d ->> 'tokens')::BIGINT, 0)) AS tokens,
                       SUM(COALESCE((d ->> 'credits')::NUMERIC, u.amount)) AS credits,
                       string_agg(DISTINCT u.idempotency_key, ',' ORDER BY u.idempotency_key) AS usage_keys
                FROM qs_usage u
                JOIN domainevententry e ON e.globalindex = u.global_index
                LEFT JOIN LATERAL jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'pricing' -> 'dimensions') d ON TRUE
                WHERE u.account_id = :account AND to_char(u.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') = :month
                  AND EXISTS (SELECT 1 FROM qs_account a WHERE a.account_id = u.account_id AND a.billing_mode = 'POSTPAID')
                GROUP BY 1, 2
                HAVING SUM(COALESCE((d ->> 'tokens')::BIGINT, 0)) <> 0 OR SUM(COALESCE((d ->> 'credits')::NUMERIC, u.amount)) <> 0
                ORDER BY 1, 2""", parameters, (rs, row) -> new Line(rs.getString("model"),
                rs.getString("dimension"), rs.getLong("tokens"), rs.getBigDecimal("credits").stripTrailingZeros(),
                Arrays.asList(rs.getString("usage_keys").split(","))));
        Money total = Money.of(jdbc.queryForObject("""
                SELECT COALESCE(SUM(postpaid_revenue), 0) FROM qs_usage
                WHERE account_id = :account AND to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') = :month""",
                parameters, BigDecimal.class));
        return new Invoice(invoiceId(accountId, month), accountId, month.toString(), total, lines);
    }
}
