package com.creditledger.query.summary;

import com.creditledger.query.projection.LedgerSql;
import com.creditledger.query.projection.PendingWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code qs_liability_month} and {@code qs_credit_month} (contract liability and lot credit
 * by posting month, per account and for the ledger) so the roll-forward reads a few hundred sums instead of
 * a million journal lines. Runs once at the end of each projection batch, over the rows that batch's
 * transaction added.
 */
@Component
public class MonthlySummaries {

    static final String NO_LOT = "9999-12-01";

    private static final PendingWrites.Statement LIABILITY = new PendingWrites.Statement(90, overAddedRows(
            "qs_journal_line", """
                 fresh AS (
                     SELECT j.account_id, j.currency, j.posting_month AS month,
                            j.posting_month <> date_trunc('month', j.business_time AT TIME ZONE 'UTC')::date AS late,
                            j.source, COALESCE(date_trunc('month', l.granted_at AT TIME ZONE 'UTC')::date, DATE '""" + NO_LOT + """
            ') AS lot_month,
                            j.debit, j.credit
                     FROM added j
                     LEFT JOIN qs_lot l ON l.account_id = j.account_id AND l.lot_id = j.lot_id
                     WHERE j.account_code = {CONTRACT_LIABILITY}),
                 scoped AS (SELECT account_id AS scope, currency, month, source, lot_month, late, debit, credit FROM fresh
                            UNION ALL
                            SELECT '*', currency, month, source, lot_month, late, debit, credit FROM fresh)
            INSERT INTO qs_liability_month AS t (scope, currency, month, source, lot_month, late, debit, credit)
            SELECT scope, currency, month, source, lot_month, late, SUM(debit), SUM(credit) FROM scoped
            GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (scope, currency, month, source, lot_month, late)
            DO UPDATE SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit
            """));

    private static final PendingWrites.Statement CREDITS = new PendingWrites.Statement(91, overAddedRows(
            "qs_credit_movement", """
                 fresh AS (
                     SELECT m.account_id, a.currency, m.posting_month AS month,
                            m.kind, m.credits
                     FROM added m JOIN qs_account a ON a.account_id = m.account_id
                     WHERE m.lot_id IS NOT NULL),
                 scoped AS (SELECT account_id AS scope, currency, month, kind, credits FROM fresh
                            UNION ALL
                            SELECT '*', currency, month, kind, credits FROM fresh)
            INSERT INTO qs_credit_month AS t (scope, currency, month, kind, credits)
            SELECT scope, currency, month, kind, SUM(credits) FROM scoped GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            ON CONFLICT (scope, currency, month, kind) DO UPDATE SET credits = t.credits + excluded.credits
            """));

    /**
     * One statement over the rows of {@code table} this transaction inserted (as {@code added}, for
     * the {@code steps} that follow), found through the primary key between the first and last
     * position of the batch's events: a row a redelivered event found in place (see
     * {@link com.creditledger.query.projection.Redelivery}) carries an earlier transaction's id, so
     * the sums grow only by rows really added, and another segment's rows in that span carry theirs.
     * It needs no mark shared by the segments, so they project in parallel; the ledger-wide ('*')
     * sums are updated in key order, so two segments' transactions wait for each other but never
     * deadlock.
     */
    private static String overAddedRows(String table, String steps) {
        return LedgerSql.of("WITH added AS MATERIALIZED (SELECT * FROM " + table
                + " WHERE global_index BETWEEN ? AND ? AND tx = pg_current_xact_id()),\n" + steps);
    }

    private final PendingWrites writes;
    private final JdbcTemplate jdbc;

    MonthlySummaries(PendingWrites writes, JdbcTemplate jdbc) {
        this.writes = writes;
        this.jdbc = jdbc;
    }

    /** Called by the projections that add journal lines or credit movements, with their event's position. */
    public void refreshAfterBatch(long position) {
        writes.onceOver(LIABILITY, position);
        writes.onceOver(CREDITS, position);
    }

    /** Called by the journal's reset handler: this component handles no events, so Axon would not call it. */
    public void reset() {
        jdbc.update("TRUNCATE qs_liability_month, qs_credit_month");
    }
}
