package com.creditledger.query.journal;

import com.creditledger.kernel.value.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static com.creditledger.query.projection.Projections.utc;

/** Reads the journal: lines for a period or an event, and the trial balance at an instant. */
@Component
public class JournalLines {

    private static final String COLUMNS = "global_index, line, event_id, event_type, account_id, lot_id, currency, "
            + "business_time, account_code, debit, credit, source, idempotency_key, beyond_hold, "
            + "to_char(posting_month, 'YYYY-MM') AS posting_period, recorded_at";

    private static final RowMapper<Line> LINE = (rs, row) -> new Line(rs.getLong("global_index"), rs.getInt("line"),
            rs.getString("event_id"), rs.getString("event_type"), rs.getString("account_id"), rs.getString("lot_id"),
            rs.getString("currency"), rs.getObject("business_time", OffsetDateTime.class).toInstant(),
            rs.getString("account_code"), Money.of(rs.getBigDecimal("debit")), Money.of(rs.getBigDecimal("credit")),
            rs.getString("source"), rs.getString("idempotency_key"), rs.getBoolean("beyond_hold"),
            rs.getString("posting_period"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    JournalLines(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A line is identified by its event's position and its number in the event's entry. */
    public record Line(long position, int line, String eventId, String eventType, String accountId, String lotId,
                       String currency, Instant businessTime, String accountCode, Money debit, Money credit,
                       String source, String idempotencyKey, boolean beyondHold, String postingPeriod,
                       Instant recordedAt) {
    }

    public record TrialBalanceRow(String currency, String accountCode, Money debit, Money credit, Money balance) {
    }

    /**
     * Lines posted in the months [from, to), optionally of one account, one account code and some
     * sources. A line recorded after its business month closed is in the month it was posted in.
     */
    public List<Line> between(LocalDate from, LocalDate to, String accountId, String accountCode, List<String> sources) {
        return jdbc.query("SELECT " + COLUMNS + " FROM qs_journal_line "
                        + "WHERE posting_month >= :from AND posting_month < :to "
                        + "AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account) "
                        + "AND (CAST(:code AS VARCHAR) IS NULL OR account_code = :code) "
                        + (sources == null ? "" : "AND source IN (:sources) ")
                        + "ORDER BY global_index, line",
                new MapSqlParameterSource("from", from).addValue("to", to).addValue("account", accountId)
                        .addValue("code", accountCode).addValue("sources", sources), LINE);
    }

    /** The lines of the event at {@code position} (its global index). */
    public List<Line> ofEvent(long position) {
        return jdbc.query("SELECT " + COLUMNS + " FROM qs_journal_line WHERE global_index = :position ORDER BY line",
                new MapSqlParameterSource("position", position), LINE);
    }

    /** Lines posted in {@code period} (every period when null) after their own month had closed. */
    public List<Line> outOfPeriod(LocalDate period) {
        return jdbc.query("SELECT " + COLUMNS + " FROM qs_journal_line "
                        + "WHERE posting_month <> date_trunc('month', business_time AT TIME ZONE 'UTC')::date "
                        + "AND (CAST(:period AS DATE) IS NULL OR posting_month = :period) ORDER BY global_index, line",
                new MapSqlParameterSource("period", period), LINE);
    }

    /**
     * Σ debits and Σ credits per account code of everything dated up to {@code at} and recorded by
     * {@code knownAt}.
     */
    public List<TrialBalanceRow> trialBalance(Instant at, Instant knownAt, String accountId) {
        return trialBalance("business_time <= :at AND recorded_at <= :known",
                new MapSqlParameterSource("at", utc(at)).addValue("known", utc(knownAt)).addValue("account", accountId));
    }

    /** The trial balance of everything posted up to the end of {@code period}: what a close freezes. */
    public List<TrialBalanceRow> trialBalanceThrough(LocalDate period) {
        return trialBalance("posting_month <= :period",
                new MapSqlParameterSource("period", period).addValue("account", null));
    }

    private List<TrialBalanceRow> trialBalance(String condition, MapSqlParameterSource parameters) {
        return jdbc.query("""
                SELECT currency, account_code, SUM(debit) AS debit, SUM(credit) AS credit
                FROM qs_journal_line
                WHERE %s AND (CAST(:account AS VARCHAR) IS NULL OR account_id = :account)
                GROUP BY currency, account_code ORDER BY currency, account_code""".formatted(condition),
                parameters, (rs, row) -> {
                    Money debit = Money.of(rs.getBigDecimal("debit"));
                    Money credit = Money.of(rs.getBigDecimal("credit"));
                    return new TrialBalanceRow(rs.getString("currency"), rs.getString("account_code"), debit, credit,
                            debit.minus(credit));
                });
    }
}
