package com.creditledger.query.journal;

import com.creditledger.kernel.value.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static com.creditledger.query.projection.Projections.utc;

/** Reads the journal: lines for a period or an event, and the trial balance at an instant. */
@Component
public class JournalLines {

    private static final String COLUMNS = "global_index, line, event_id, event_type, account_id, lot_id, currency, "
            + "business_time, account_code, debit, credit, source, idempotency_key, beyond_hold";

    private static final RowMapper<Line> LINE = (rs, row) -> new Line(rs.getLong("global_index"), rs.getInt("line"),
            rs.getString("event_id"), rs.getString("event_type"), rs.getString("account_id"), rs.getString("lot_id"),
            rs.getString("currency"), rs.getObject("business_time", OffsetDateTime.class).toInstant(),
            rs.getString("account_code"), Money.of(rs.getBigDecimal("debit")), Money.of(rs.getBigDecimal("credit")),
            rs.getString("source"), rs.getString("idempotency_key"), rs.getBoolean("beyond_hold"));

    private final NamedParameterJdbcTemplate jdbc;

    JournalLines(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A line is identified by its event's position and its number in the event's entry. */
    public record Line(long position, int line, String eventId, String eventType, String accountId, String lotId,
                       String currency, Instant businessTime, String accountCode, Money debit, Money credit,
                       String source, String idempotencyKey, boolean beyondHold) {
    }

    public record TrialBalanceRow(String currency, String accountCode, Money debit, Money credit, Money balance) {
    }

    /** Lines dated in [from, to), optionally of one account, one account code and some sources. */
    public List<Line> between(Instant from, Instant to, String accountId, String accountCode, List<String> sources) {
        return jdbc.query("SELECT " + COLUMNS + " FROM qs_journal_line "
                        + "WHERE business_time >= :from AND business_time < :to "
                        + "AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) "
                        + "AND (CAST(:code AS VARCHAR) IS NULL OR account_code = :code) "
                        + (sources == null ? "" : "AND source IN (:sources) ")
                        + "ORDER BY global_index, line",
                new MapSqlParameterSource("from", utc(from)).addValue("to", utc(to)).addValue("account", accountId)
                        .addValue("code", accountCode).addValue("sources", sources), LINE);
    }

    /** The lines of the event at {@code position} (its global index). */
    public List<Line> ofEvent(long position) {
        return jdbc.query("SELECT " + COLUMNS + " FROM qs_journal_line WHERE global_index = :position ORDER BY line",
                new MapSqlParameterSource("position", position), LINE);
    }

    /** Σ debits and Σ credits per account code of everything dated up to {@code at}. */
    public List<TrialBalanceRow> trialBalance(Instant at, String accountId) {
        return jdbc.query("""
                SELECT currency, account_code, SUM(debit) AS debit, SUM(credit) AS credit
                FROM qs_journal_line
                WHERE business_time <= :at AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account)
                GROUP BY currency, account_code ORDER BY currency, account_code""",
                new MapSqlParameterSource("at", utc(at)).addValue("account", accountId), (rs, row) -> {
                    Money debit = Money.of(rs.getBigDecimal("debit"));
                    Money credit = Money.of(rs.getBigDecimal("credit"));
                    return new TrialBalanceRow(rs.getString("currency"), rs.getString("account_code"), debit, credit,
                            debit.minus(credit));
                });
    }
}
