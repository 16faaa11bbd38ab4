package com.creditledger.query.invoice;

import com.creditledger.kernel.value.Money;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

/**
 * Postpaid invoices (docs/domain.md, postpaid): one per account and UTC month, id {@code <accountId>:<yyyy-MM>}.
 * A draft sums the usage invoiced in its month so far; an issued invoice shows the lines frozen at
 * issue and what was paid. Either way a line per model and dimension traces to its usage events,
 * and the total is the revenue the usage events recognized (cumulative rounding), so it ties to the journal.
 */
@Component
public class Invoices {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    Invoices(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Summary(String invoiceId, String accountId, String month, String status, Money total,
                          long usageCount, Instant issuedAt, Instant dueAt, Money paid, Money open) {
    }

    public record Line(String model, String dimension, long tokens, BigDecimal credits, List<String> idempotencyKeys) {
    }

    public record Payment(String paymentId, Money amount, Instant paidAt) {
    }

    /** {@code billed}: the lines frozen at issue (model, calls, credits, amount), null for a draft. */
    public record Invoice(String invoiceId, String accountId, String month, String status, Money total,
                          List<Line> lines, JsonNode billed, Instant issuedAt, Instant dueAt, Money paid, Money open,
                          List<Payment> payments) {
    }

    public static String invoiceId(String accountId, YearMonth month) {
        return accountId + ":" + month;
    }

    public List<Summary> of(String accountId) {
        return jdbc.query("""
                WITH drafts AS (
                    SELECT invoice_month AS month, SUM(postpaid_revenue) AS total, COUNT(*) AS n FROM qs_usage
                    WHERE account_id = :account AND invoice_month IS NOT NULL GROUP BY 1),
                 paid AS (
                    SELECT p.invoice_id, SUM(p.amount) AS paid FROM qs_invoice_payment p
                    JOIN qs_invoice i ON i.invoice_id = p.invoice_id WHERE i.account_id = :account GROUP BY 1)
                SELECT to_char(COALESCE(d.month, i.month), 'YYYY-MM') AS label, COALESCE(i.total, d.total) AS total,
                       COALESCE(d.n, 0) AS n, i.issued_at, i.due_at, COALESCE(p.paid, 0) AS paid
                FROM drafts d
                FULL JOIN (SELECT * FROM qs_invoice WHERE account_id = :account) i ON i.month = d.month
                LEFT JOIN paid p ON p.invoice_id = i.invoice_id
                ORDER BY 1""", new MapSqlParameterSource("account", accountId), (rs, row) -> {
                    Money total = Money.of(rs.getBigDecimal("total"));
                    Money paid = Money.of(rs.getBigDecimal("paid"));
                    boolean draft = rs.getObject("issued_at") == null;
                    String status = draft ? "draft" : status(total, paid);
                    return new Summary(invoiceId(accountId, YearMonth.parse(rs.getString("label"))), accountId,
                            rs.getString("label"), status, total, rs.getLong("n"), instant(rs.getObject("issued_at",
                            OffsetDateTime.class)), instant(rs.getObject("due_at", OffsetDateTime.class)), paid,
                            draft ? null : total.minus(paid));
                });
    }

    /** The invoice, or null when the month has neither usage nor an issued invoice. */
    public Invoice get(String accountId, YearMonth month) {
        String id = invoiceId(accountId, month);
        MapSqlParameterSource parameters = new MapSqlParameterSource("account", accountId)
                .addValue("month", month.atDay(1)).addValue("invoice", id);
        List<Line> lines = jdbc.query("""
                SELECT COALESCE(u.model, '') AS model, COALESCE(d ->> 'dimension', 'amount') AS dimension,
                       SUM(COALESCE((d ->> 'tokens')::BIGINT, 0)) AS tokens,
                       SUM(COALESCE((d ->> 'credits')::NUMERIC, u.amount)) AS credits,
                       string_agg(DISTINCT u.idempotency_key, ',' ORDER BY u.idempotency_key) AS usage_keys
                FROM qs_usage u
                JOIN domainevententry e ON e.globalindex = u.global_index
                LEFT JOIN LATERAL jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'pricing' -> 'dimensions') d ON TRUE
                WHERE u.account_id = :account AND u.invoice_month = :month
                GROUP BY 1, 2
                HAVING SUM(COALESCE((d ->> 'tokens')::BIGINT, 0)) <> 0 OR SUM(COALESCE((d ->> 'credits')::NUMERIC, u.amount)) <> 0
                ORDER BY 1, 2""", parameters, (rs, row) -> new Line(rs.getString("model"),
                rs.getString("dimension"), rs.getLong("tokens"), rs.getBigDecimal("credits").stripTrailingZeros(),
                Arrays.asList(rs.getString("usage_keys").split(","))));
        List<Payment> payments = jdbc.query("SELECT payment_id, amount, paid_at FROM qs_invoice_payment "
                        + "WHERE invoice_id = :invoice ORDER BY paid_at, global_index", parameters,
                (rs, row) -> new Payment(rs.getString("payment_id"), Money.of(rs.getBigDecimal("amount")),
                        instant(rs.getObject("paid_at", OffsetDateTime.class))));
        Money paid = payments.stream().map(Payment::amount).reduce(Money.ZERO, Money::plus);
        List<Invoice> issued = jdbc.query("SELECT total, lines::text AS lines, issued_at, due_at FROM qs_invoice "
                + "WHERE invoice_id = :invoice", parameters, (rs, row) -> {
            Money total = Money.of(rs.getBigDecimal("total"));
            return new Invoice(id, accountId, month.toString(), status(total, paid), total, lines,
                    tree(rs.getString("lines")), instant(rs.getObject("issued_at", OffsetDateTime.class)),
                    instant(rs.getObject("due_at", OffsetDateTime.class)), paid, total.minus(paid), payments);
        });
        if (!issued.isEmpty()) {
            return issued.get(0);
        }
        if (lines.isEmpty()) {
            return null;
        }
        Money total = Money.of(jdbc.queryForObject("SELECT COALESCE(SUM(postpaid_revenue), 0) FROM qs_usage "
                + "WHERE account_id = :account AND invoice_month = :month", parameters, BigDecimal.class));
        return new Invoice(id, accountId, month.toString(), "draft", total, lines, null, null, null, null, null, List.of());
    }

    private static String status(Money total, Money paid) {
        return total.minus(paid).isZero() ? "paid" : paid.isPositive() ? "partially_paid" : "issued";
    }

    private JsonNode tree(String lines) {
        try {
            return json.readTree(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the frozen lines of an invoice are JSON the ledger wrote", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
