package com.creditledger.query.invoice;

import com.creditledger.kernel.value.Money;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Accounts receivable by age at an instant: every invoice issued by then that still owed something
 * then, in the bucket of its whole days past due (due = issue + net terms).
 */
@Component
public class ReceivablesAging {

    /** The buckets, in order: not yet due, then by days past due. */
    public static final List<String> BUCKETS = List.of("current", "1-30", "31-60", "61-90", "over90");

    public record OpenInvoice(String invoiceId, String accountId, String month, Money total, Money paid, Money open,
                              Instant issuedAt, Instant dueAt, long daysPastDue, String bucket) {
    }

    public record Aging(Instant asOf, Map<String, Money> buckets, Money total, List<OpenInvoice> invoices) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    ReceivablesAging(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Aging at(Instant asOf, String accountId) {
        List<OpenInvoice> open = jdbc.query("""
                SELECT i.invoice_id, i.account_id, to_char(i.month, 'YYYY-MM') AS month, i.total, i.issued_at, i.due_at,
                       COALESCE((SELECT SUM(p.amount) FROM qs_invoice_payment p
                                 WHERE p.invoice_id = i.invoice_id AND p.paid_at <= :asOf), 0) AS paid
                FROM qs_invoice i
                WHERE i.issued_at <= :asOf AND (CAST(:account AS VARCHAR) IS NULL OR i.account_id = :account)
                ORDER BY i.due_at, i.invoice_id""", new MapSqlParameterSource("asOf", utc(asOf))
                .addValue("account", accountId), (rs, row) -> {
            Money total = Money.of(rs.getBigDecimal("total"));
            Money paid = Money.of(rs.getBigDecimal("paid"));
            Instant dueAt = rs.getObject("due_at", OffsetDateTime.class).toInstant();
            long days = asOf.isAfter(dueAt) ? Duration.between(dueAt, asOf).toDays() : 0;
            return new OpenInvoice(rs.getString("invoice_id"), rs.getString("account_id"), rs.getString("month"), total,
                    paid, total.minus(paid), rs.getObject("issued_at", OffsetDateTime.class).toInstant(), dueAt, days,
                    bucket(days));
        }).stream().filter(invoice -> invoice.open().isPositive()).toList();
        Map<String, Money> buckets = new LinkedHashMap<>();
        BUCKETS.forEach(bucket -> buckets.put(bucket, Money.ZERO));
        open.forEach(invoice -> buckets.merge(invoice.bucket(), invoice.open(), Money::plus));
        return new Aging(asOf, buckets, open.stream().map(OpenInvoice::open).reduce(Money.ZERO, Money::plus), open);
    }

    /** Whole days past due: 0 is current (a day late counts once it is a whole day late). */
    static String bucket(long daysPastDue) {
        if (daysPastDue == 0) {
            return "current";
        }
        return daysPastDue <= 30 ? "1-30" : daysPastDue <= 60 ? "31-60" : daysPastDue <= 90 ? "61-90" : "over90";
    }
}
