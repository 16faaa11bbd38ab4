package com.creditledger.query.reconciliation;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
                         Map<String, BigDecimal> eventCounts) {

        public boolean clean() {
            return differences.isEmpty();
        }
    }

    private static final String EVENTS = """
            WITH ev AS MATERIALIZED (
                SELECT aggregateidentifier AS account_id, regexp_replace(payloadtype, '^.*\\.', '') AS kind,
                       convert_from(payload, 'UTF8')::jsonb AS p
                FROM domainevententry
                WHERE type = 'CreditAccount' AND globalindex <= :upTo
                  AND (CAST(:account AS VARCHAR) IS NULL OR aggregateidentifier = :account))
            SELECT account_id, 'events.' || kind, count(*) FROM ev GROUP BY 1, 2
            UNION ALL SELECT account_id, 'usage.rows', count(*) FROM ev WHERE kind = 'UsageDebited' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.granted', sum((l ->> 'credits')::numeric)
                FROM ev, jsonb_array_elements(p -> 'lots') l WHERE kind = 'TopUpPurchased' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.netted', sum((l ->> 'overageNetted')::numeric)
                FROM ev, jsonb_array_elements(p -> 'lots') l WHERE kind = 'TopUpPurchased' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.overage_netted', sum((p ->> 'overageNetted')::numeric)
                FROM ev WHERE kind = 'TopUpPurchased' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.consumed', sum((d ->> 'credits')::numeric)
                FROM ev, jsonb_array_elements(p -> 'draws') d WHERE kind = 'UsageDebited' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.overage', sum((p ->> 'overage')::numeric)
                FROM ev WHERE kind = 'UsageDebited' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.expired', sum((p ->> 'credits')::numeric)
                FROM ev WHERE kind = 'CreditExpired' GROUP BY 1
            UNION ALL SELECT account_id, 'credits.refunded', sum((l ->> 'credits')::numeric)
                FROM ev, jsonb_array_elements(p -> 'lots') l WHERE kind = 'Refunded' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.topup', sum((l ->> 'allocatedCash')::numeric)
                FROM ev, jsonb_array_elements(p -> 'lots') l WHERE kind = 'TopUpPurchased' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.settlement', sum((p ->> 'receivableSettled')::numeric)
                FROM ev WHERE kind = 'TopUpPurchased' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.usage', sum((d ->> 'revenue')::numeric)
                FROM ev, jsonb_array_elements(p -> 'draws') d WHERE kind = 'UsageDebited' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.overage', sum((p ->> 'overageRevenue')::numeric)
                FROM ev WHERE kind = 'UsageDebited' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.postpaid', sum((p ->> 'postpaidRevenue')::numeric)
                FROM ev WHERE kind = 'UsageDebited' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.refund', sum((l ->> 'cash')::numeric)
                FROM ev, jsonb_array_elements(p -> 'lots') l WHERE kind = 'Refunded' GROUP BY 1
            UNION ALL SELECT account_id, 'cash.breakage', sum((p ->> 'breakage')::numeric)
                FROM ev WHERE kind = 'CreditExpired' AND :remoteBreakage GROUP BY 1
            """;

    /**
     * Journal amounts by source, each as what its entries credited to the account the source names
     * (a reversed proportional-breakage pair counts negative); the contract liability from the
     * journal and from the monthly sums (which see every committed batch, so both are read whole).
     */
    private static final String PROJECTIONS = """
            SELECT account_id, 'events.' || event_type, count(*) FROM qs_history
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1, 2
            UNION ALL SELECT account_id, 'usage.rows', count(*) FROM qs_usage
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1
            UNION ALL SELECT account_id, 'credits.' || kind, sum(credits) FROM qs_credit_movement
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1, 2
            UNION ALL SELECT account_id, 'cash.' || source, sum(credit - debit) FROM qs_journal_line
                WHERE global_index <= :upTo AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account)
                  AND account_code = CASE source WHEN 'topup' THEN '2400' WHEN 'settlement' THEN '1215'
                      WHEN 'usage' THEN '4000' WHEN 'overage' THEN '4010' WHEN 'postpaid' THEN '4010'
                      WHEN 'refund' THEN '2410' WHEN 'breakage' THEN '4050' END
                  AND (source <> 'breakage' OR :remoteBreakage)
                GROUP BY 1, 2
            """;

    private static final String LIABILITY = """
            SELECT account_id, 'deferred.journal', sum(credit - debit) FROM qs_journal_line
                WHERE account_code = '2400' AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) GROUP BY 1
            """;

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
        return new Result(upTo, accounts.size(), figures, differences, totals);
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
