package com.creditledger.query.reconciliation;

import com.creditledger.query.projection.LedgerSql;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The reconciliation check: every figure the reports are built from, computed twice per account —
 * once from the events in the store, once from the projections — up to one position. Event counts by
 * type; credits granted, consumed, netted, overage, expired and refunded; cash allocated to lots,
 * usage revenue, overage and postpaid revenue, receivables settled, refunds and (remote method)
 * breakage; the contract liability (deferred revenue) from the journal against the monthly sums the
 * roll-forward reads. Any figure that differs is a projection that lost, doubled or altered an event.
 * <p>
 * Both sides are read in one snapshot, so the caller reads it inside a repeatable-read transaction,
 * and only events up to {@code upTo}, which the caller has seen projected.
 */
public class Reconciliation {

    /** One figure of one account that differs (a side without the figure counts it as zero). */
    public record Difference(String accountId, String figure, BigDecimal events, BigDecimal projections) {
    }

    /** {@code eventCounts}: the ledger's events by type up to {@code upTo}, as the store holds them. */
    public record Result(long upTo, int accounts, int figures, List<Difference> differences,
                         Map<String, Long> eventCounts) {

        public boolean clean() {
            return differences.isEmpty();
        }
    }

    /**
     * A figure from the events: the sum of {@code field} over the events of {@code kind} (or over the
     * elements of their {@code array}: lots, draws; a dotted field is a path), with {@code field} null for a count; a figure
     * {@code onlyRemote} exists only under the remote breakage method.
     */
    private record Figure(String name, String kind, String array, String field, boolean onlyRemote) {

        Figure(String name, String kind, String array, String field) {
            this(name, kind, array, field, false);
        }

        String sql() {
            String value = field == null ? "count(*)"
                    : "sum((" + (array == null ? "p" : "x") + " #>> '{" + field.replace('.', ',') + "}')::numeric)";
            String from = array == null ? "ev" : "ev, jsonb_array_elements(p -> '" + array + "') x";
            return "SELECT account_id, '" + name + "', " + value + " FROM " + from + " WHERE kind = '" + kind + "'"
                    + (onlyRemote ? " AND :remoteBreakage" : "") + " GROUP BY 1";
        }
    }

    private static final List<Figure> FROM_EVENTS = List.of(
            new Figure("usage.rows", "UsageDebited", null, null),
            new Figure("credits.granted", "TopUpPurchased", "lots", "credits"),
            new Figure("credits.granted", "CreditGranted", null, "lot.credits"),
            new Figure("credits.granted", "PlanRenewed", null, "lot.credits"),
            new Figure("credits.netted", "TopUpPurchased", "lots", "overageNetted"),
            new Figure("credits.overage_netted", "TopUpPurchased", null, "overageNetted"),
            new Figure("credits.consumed", "UsageDebited", "draws", "credits"),
            new Figure("credits.overage", "UsageDebited", null, "overage"),
            new Figure("credits.expired", "CreditExpired", null, "credits"),
            new Figure("credits.refunded", "Refunded", "lots", "credits"),
            new Figure("cash.topup", "TopUpPurchased", "lots", "allocatedCash"),
            new Figure("cash.settlement", "TopUpPurchased", null, "receivableSettled"),
            new Figure("cash.usage", "UsageDebited", "draws", "revenue"),
            new Figure("cash.overage", "UsageDebited", null, "overageRevenue"),
            new Figure("cash.postpaid", "UsageDebited", null, "postpaidRevenue"),
            new Figure("cash.refund", "Refunded", "lots", "cash"),
            new Figure("cash.invoice", "InvoiceIssued", null, "total"),
            new Figure("cash.plan", "PlanRenewed", null, "lot.allocatedCash"),
            new Figure("cash.payment", "InvoicePaid", null, "amount"),
            new Figure("cash.breakage", "CreditExpired", null, "breakage", true));

    private static final String EVENTS = """
            WITH ev AS MATERIALIZED (
                SELECT aggregateidentifier AS account_id, regexp_replace(payloadtype, '^.*\\.', '') AS kind,
                       convert_from(payload, 'UTF8')::jsonb AS p
                FROM domainevententry
                WHERE type = 'CreditAccount' AND globalindex <= :upTo
                  AND (CAST(:account AS VARCHAR) IS NULL OR aggregateidentifier = :account))
            SELECT account_id, 'events.' || kind, count(*) FROM ev GROUP BY 1, 2
            """ + FROM_EVENTS.stream().map(figure -> "UNION ALL " + figure.sql()).collect(Collectors.joining("\n"));

    /**
     * Journal amounts by source, each as what its entries credited to the account the source names
     * (a reversed proportional-breakage pair counts negative); the contract liability from the
     * journal and from the monthly sums (which see every committed batch, so both are read whole).
     * A debit's usage row is also its history entry, so the usage rows are counted once as both.
     */
    private static final String PROJECTIONS = LedgerSql.of("""
            SELECT account_id, 'events.' || event_type, count(*) FROM qs_history
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1, 2
            UNION ALL SELECT usage.account_id, figure.name, usage.rows FROM (SELECT account_id, count(*) AS rows FROM qs_usage
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1) usage
                CROSS JOIN (VALUES ('usage.rows'), ('events.UsageDebited')) AS figure(name)
            UNION ALL SELECT account_id, 'credits.' || kind, sum(credits) FROM qs_credit_movement
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1, 2
            UNION ALL SELECT account_id, 'cash.' || source, sum(credit - debit) FROM qs_journal_line
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account)
                  AND account_code = CASE source WHEN 'topup' THEN {CONTRACT_LIABILITY} WHEN 'settlement' THEN {OVERAGE_RECEIVABLE}
                      WHEN 'usage' THEN {REVENUE_USAGE_PREPAID} WHEN 'overage' THEN {REVENUE_USAGE_AT_LIST} WHEN 'postpaid' THEN {REVENUE_USAGE_AT_LIST}
                      WHEN 'refund' THEN {REFUND_LIABILITY} WHEN 'breakage' THEN {REVENUE_BREAKAGE}
                      WHEN 'invoice' THEN {UNBILLED_RECEIVABLES} WHEN 'plan' THEN {CONTRACT_LIABILITY} WHEN 'payment' THEN {ACCOUNTS_RECEIVABLE} END
                  AND (source <> 'breakage' OR :remoteBreakage)
                GROUP BY 1, 2
            """);

    private static final String LIABILITY = LedgerSql.of("""
            SELECT account_id, 'deferred.journal', sum(credit - debit) FROM qs_journal_line
                WHERE account_code = {CONTRACT_LIABILITY} AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1
            """);

    private static final String LIABILITY_SUMS = """
            SELECT scope, 'deferred.journal', sum(credit - debit) FROM qs_liability_month
                WHERE scope <> '*' AND (CAST(:account AS VARCHAR) IS NULL OR scope = :account) GROUP BY 1
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean remoteBreakage;

    public Reconciliation(NamedParameterJdbcTemplate jdbc, boolean remoteBreakage) {
        this.jdbc = jdbc;
        this.remoteBreakage = remoteBreakage;
    }

    /** The store's latest position: what a check covers once the projections have reached it. */
    public long latestPosition() {
        Long latest = jdbc.getJdbcTemplate().queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return latest == null ? 0 : latest;
    }

    /** {@link #check} in a read-only repeatable-read transaction of its own: both sides in one snapshot. */
    public Result checkInOneSnapshot(PlatformTransactionManager transactions, String accountId, long upTo) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return snapshot.execute(status -> check(accountId, upTo));
    }

    /** @param accountId one account, or null for the whole ledger */
    public Result check(String accountId, long upTo) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("upTo", upTo).addValue("account", accountId)
                .addValue("remoteBreakage", remoteBreakage);
        Map<String, Map<String, BigDecimal>> events = figures(EVENTS, parameters);
        Map<String, Map<String, BigDecimal>> projections = figures(PROJECTIONS, parameters);
        // the monthly sums against the journal lines they summarise
        Map<String, Map<String, BigDecimal>> journal = figures(LIABILITY, parameters);
        Map<String, Map<String, BigDecimal>> sums = figures(LIABILITY_SUMS, parameters);

        List<Difference> differences = new ArrayList<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        TreeSet<String> accounts = new TreeSet<>(events.keySet());
        accounts.addAll(projections.keySet());
        accounts.addAll(journal.keySet());
        accounts.addAll(sums.keySet());
        int figures = 0;
        for (String account : accounts) {
            figures += compare(account, events, projections, differences, totals);
            figures += compare(account, journal, sums, differences, null);
        }
        Map<String, Long> eventCounts = new TreeMap<>();
        totals.forEach((type, count) -> eventCounts.put(type, count.longValueExact()));
        return new Result(upTo, accounts.size(), figures, differences, eventCounts);
    }

    private static int compare(String account, Map<String, Map<String, BigDecimal>> left,
                               Map<String, Map<String, BigDecimal>> right, List<Difference> differences,
                               Map<String, BigDecimal> totals) {
        Map<String, BigDecimal> expected = left.getOrDefault(account, Map.of());
        Map<String, BigDecimal> actual = right.getOrDefault(account, Map.of());
        TreeSet<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            BigDecimal fromEvents = expected.getOrDefault(name, BigDecimal.ZERO);
            BigDecimal fromProjections = actual.getOrDefault(name, BigDecimal.ZERO);
            if (fromEvents.compareTo(fromProjections) != 0) {
                differences.add(new Difference(account, name, fromEvents, fromProjections));
            }
            if (totals != null && name.startsWith("events.")) {
                totals.merge(name.substring("events.".length()), fromEvents, BigDecimal::add);
            }
        }
        return names.size();
    }

    private Map<String, Map<String, BigDecimal>> figures(String sql, MapSqlParameterSource parameters) {
        Map<String, Map<String, BigDecimal>> byAccount = new TreeMap<>();
        jdbc.query(sql, parameters, rs -> {
            byAccount.computeIfAbsent(rs.getString(1), key -> new TreeMap<>())
                    .merge(rs.getString(2), rs.getBigDecimal(3), BigDecimal::add);
        });
        return byAccount;
    }
}
