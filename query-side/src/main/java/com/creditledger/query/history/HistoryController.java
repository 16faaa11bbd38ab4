package com.creditledger.query.history;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.projection.ReadEndpoint;
import com.creditledger.query.projection.StoredEventJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Support's replay of an account: every event in recording order with the running balance after
 * it; {@code from}/{@code to} filter by business time, the running balance still counts all before.
 * Debits come from the usage rows, every other event from the history rows ({@link HistoryProjection}).
 */
@ReadEndpoint
class HistoryController {

    private final NamedParameterJdbcTemplate jdbc;

    HistoryController(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A record, so every node writes the fields in one order (a {@code Map.of} orders them per JVM). */
    record History(String accountId, List<Entry> events) {
    }

    record Entry(long position, String eventId, String type, Instant businessTime, Instant recordedAt,
                 Credits balanceChange, Credits balanceAfter, String actor, JsonNode event) {
    }

    @GetMapping("/v1/accounts/{accountId}/history")
    History history(@PathVariable String accountId, @RequestParam(required = false) Instant from,
                    @RequestParam(required = false) Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "from", "from must not be after to");
        }
        if (jdbc.queryForList("SELECT 1 FROM qs_account WHERE account_id = :account",
                new MapSqlParameterSource("account", accountId), Integer.class).isEmpty()) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + accountId);
        }
        List<Entry> entries = jdbc.query("""
                SELECT h.*, convert_from(e.payload, 'UTF8') AS detail FROM (
                    SELECT *, SUM(balance_delta) OVER (ORDER BY global_index) AS balance_after FROM (
                        SELECT global_index, event_id, event_type, business_time, recorded_at, balance_delta, actor
                        FROM qs_history WHERE account_id = :account
                        UNION ALL
                        SELECT global_index, event_id, 'UsageDebited', occurred_at, recorded_at, balance_delta, actor
                        FROM qs_usage WHERE account_id = :account) events) h
                JOIN domainevententry e ON e.globalindex = h.global_index
                WHERE (CAST(:from AS TIMESTAMPTZ) IS NULL OR h.business_time >= :from)
                  AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR h.business_time < :to)
                ORDER BY h.global_index""",
                new MapSqlParameterSource("account", accountId).addValue("from", utc(from)).addValue("to", utc(to)),
                (rs, row) -> new Entry(rs.getLong("global_index"), rs.getString("event_id"), rs.getString("event_type"),
                        rs.getObject("business_time", OffsetDateTime.class).toInstant(),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        Credits.of(rs.getBigDecimal("balance_delta")), Credits.of(rs.getBigDecimal("balance_after")),
                        rs.getString("actor"), StoredEventJson.read(rs.getString("detail"))));
        return new History(accountId, entries);
    }
}
