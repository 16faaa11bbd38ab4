package com.creditledger.query.summary;

import com.creditledger.query.projection.AfterReplay;
import com.creditledger.query.projection.AtOnce;
import com.creditledger.query.projection.LedgerSql;
import com.creditledger.query.projection.PendingWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Keeps {@code qs_liability_month} and {@code qs_credit_month} (contract liability and lot credit
 * by posting month, per account and for the ledger) so the roll-forward reads a few hundred sums instead of
 * a million journal lines. Live, they grow at the end of each projection batch by the rows that
 * batch's transaction added. A replay takes them once, after its events, from every replayed row
 * ({@link #finish}): adding batch by batch cost it about a quarter of PostgreSQL's work per event.
 * <p>
 * The reset records the store's head in {@code qs_month_rebuild}, once for each table of sums; a
 * batch adds only its rows past that position while its table's row is there, and the step after
 * the replay deletes each row and sums that table's rows up to it in the same transaction. A batch
 * reads the row under a share lock, so each of its rows is summed exactly once whichever commits
 * first: before the step, by the step (which waits for it); after, by the batch itself (which
 * waited for the step and then finds no row).
 */
@Component
public class MonthlySummaries implements AfterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlySummaries.class);

    static final String NO_LOT = "9999-12-01";

    /*
     * Each statement sums per account first and the ledger-wide ('*') rows from those: grouping sets
     * sorted every line by currency and month before the account, which took twice as long as
     * sorting by the account first (1.8 s against 1.0 s for 475,611 replayed lines).
     */
    private static final String LIABILITY = """
                 fresh AS (
                     SELECT j.account_id, j.currency, j.posting_month AS month,
                            j.posting_month <> date_trunc('month', j.business_time AT TIME ZONE 'UTC')::date AS late,
                            j.source, COALESCE(date_trunc('month', l.granted_at AT TIME ZONE 'UTC')::date, DATE '""" + NO_LOT + """
            ') AS lot_month,
                            j.debit, j.credit
                     FROM added j
                     LEFT JOIN qs_lot l ON l.account_id = j.account_id AND l.lot_id = j.lot_id
                     WHERE j.account_code = {CONTRACT_LIABILITY}),
                 per_account AS MATERIALIZED (
                     SELECT account_id, currency, month, source, lot_month, late,
                            SUM(debit) AS debit, SUM(credit) AS credit FROM fresh
                     GROUP BY account_id, currency, month, source, lot_month, late)
            INSERT INTO qs_liability_month AS t (scope, currency, month, source, lot_month, late, debit, credit)
            SELECT * FROM per_account
            UNION ALL
            SELECT '*', currency, month, source, lot_month, late, SUM(debit), SUM(credit) FROM per_account
            GROUP BY currency, month, source, lot_month, late
            ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (scope, currency, month, source, lot_month, late)
            DO UPDATE SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit
            """;

    private static final String CREDITS = """
                 fresh AS (
                     SELECT m.account_id, a.currency, m.posting_month AS month,
                            m.kind, m.credits
                     FROM added m JOIN qs_account a ON a.account_id = m.account_id
                     WHERE m.lot_id IS NOT NULL),
                 per_account AS MATERIALIZED (
                     SELECT account_id, currency, month, kind, SUM(credits) AS credits FROM fresh
                     GROUP BY account_id, currency, month, kind)
            INSERT INTO qs_credit_month AS t (scope, currency, month, kind, credits)
            SELECT * FROM per_account
            UNION ALL
            SELECT '*', currency, month, kind, SUM(credits) FROM per_account GROUP BY currency, month, kind
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (scope, currency, month, kind) DO UPDATE SET credits = t.credits + excluded.credits
            """;

    /** The sums over journal lines, and over credit movements: each taken after a replay on its own. */
    private static final Sums LIABILITY_SUMS = Sums.of("qs_liability_month", "qs_journal_line", LIABILITY, 90);
    private static final Sums CREDIT_SUMS = Sums.of("qs_credit_month", "qs_credit_movement", CREDITS, 91);

    /**
     * One table of sums, kept by one statement per projection batch live and by one over every
     * replayed row after a replay. Each table has its own mark in {@code qs_month_rebuild}.
     */
    private record Sums(String sums, PendingWrites.Statement ofBatch, String replayed) {

        /** Table {@code sums}, from the rows of {@code lines}, by {@code steps} that read them as {@code added}. */
        static Sums of(String sums, String lines, String steps, int order) {
            return new Sums(sums, new PendingWrites.Statement(order, overAddedRows(sums, lines, steps)),
                    overReplayedRows(lines, steps));
        }

        /**
         * One statement over the rows of {@code lines} this transaction inserted, found through the
         * primary key between the first and last position of the batch's events: a row a redelivered
         * event found in place (see {@link com.creditledger.query.projection.Redelivery}) carries an
         * earlier transaction's id, so the sums grow only by rows really added, and another segment's
         * rows in that span carry theirs. It needs no mark shared by the segments, so they project in
         * parallel; the ledger-wide ('*') sums are updated in key order, so two segments'
         * transactions wait for each other but never deadlock. Rows a replay will sum afterwards are
         * left out.
         */
        private static String overAddedRows(String sums, String lines, String steps) {
            return LedgerSql.of("WITH added AS MATERIALIZED (SELECT * FROM " + lines
                    + " WHERE global_index BETWEEN ? AND ? AND tx = pg_current_xact_id() AND global_index > coalesce("
                    + "(SELECT through_position FROM qs_month_rebuild WHERE sums = '" + sums + "' FOR SHARE), -1)),\n"
                    + steps);
        }

        /** The same sums over every row of {@code lines} up to the position the replay began at. */
        private static String overReplayedRows(String lines, String steps) {
            return LedgerSql.of("WITH added AS (SELECT * FROM " + lines + " WHERE global_index <= ?),\n" + steps);
        }
    }

    private final PendingWrites writes;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    MonthlySummaries(PendingWrites writes, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Called by the projections that add journal lines or credit movements, with their event's position. */
    public void refreshAfterBatch(long position) {
        writes.onceOver(LIABILITY_SUMS.ofBatch(), position);
        writes.onceOver(CREDIT_SUMS.ofBatch(), position);
    }

    /**
     * Called by the journal's reset handler (this component handles no events, so Axon would not
     * call it), in the reset's transaction: the sums start empty and wait for the replay's end.
     */
    public void reset() {
        jdbc.update("TRUNCATE qs_liability_month, qs_credit_month, qs_month_rebuild");
        // the head read once, from the primary key's end (a max grouped by table scanned the store)
        jdbc.update("INSERT INTO qs_month_rebuild (sums, through_position) "
                + "SELECT t.sums, head.position FROM (SELECT coalesce(max(globalindex), -1) AS position "
                + "FROM domainevententry) head CROSS JOIN (VALUES (?), (?)) AS t (sums)",
                LIABILITY_SUMS.sums(), CREDIT_SUMS.sums());
    }

    @Override
    public String pendingWork() {
        return "qs_month_rebuild";
    }

    /**
     * Sums every replayed line, unless another node has: both tables at once. Each table's sums are
     * one transaction with the removal of its mark, so a failed one is taken again at the next call.
     */
    @Override
    public void finish() {
        AtOnce.run("monthly-sums", List.of(() -> take(LIABILITY_SUMS), () -> take(CREDIT_SUMS)));
    }

    /**
     * Each statement groups every line of its table: with PostgreSQL's default 4 MB of sort memory
     * they sorted on disk, and took 5–6 s for a store of 629,000 events instead of 3 (a setting for
     * this transaction only).
     */
    private void take(Sums sums) {
        long started = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            List<Long> through = jdbc.queryForList(
                    "DELETE FROM qs_month_rebuild WHERE sums = ? RETURNING through_position", Long.class, sums.sums());
            if (through.isEmpty()) {
                return;
            }
            jdbc.execute("SET LOCAL work_mem = '64MB'");
            jdbc.update(sums.replayed(), through.get(0));
            LOG.info("{} taken over the replayed events up to position {} in {} ms", sums.sums(), through.get(0),
                    (System.nanoTime() - started) / 1_000_000);
        });
    }
}
