package com.creditledger.query.projection;

import com.creditledger.platform.BeforeCommit;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projection rows collected over a whole batch of events and written just before the batch
 * commits, one {@code COPY} or JDBC batch per statement (multi-row inserts with
 * {@code reWriteBatchedInserts}), instead of a round trip per row. Statements are written in their declared order, so a row
 * another row's statement reads (an account's currency) is in place first. Same transaction as the
 * token, as before: a batch takes effect whole or not at all.
 */
@Component
public class PendingWrites {

    /**
     * A statement rows can be queued for; lower {@code order} is written first. {@code firstDelivery}
     * is the same statement without the {@link Redelivery} rule, tried first; where it is a
     * {@code COPY … FROM STDIN}, the batch's rows go in as {@link CopyText}.
     */
    public record Statement(int order, String sql, String firstDelivery) {

        public Statement(int order, String sql) {
            this(order, sql, sql);
        }

        boolean copies() {
            return firstDelivery.startsWith("COPY ");
        }
    }

    private final JdbcTemplate jdbc;

    PendingWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(Statement statement, Object... row) {
        Map<Statement, List<Object[]>> pending = pending();
        if (pending == null) {
            jdbc.update(statement.sql(), row);
        } else {
            pending.computeIfAbsent(statement, key -> new ArrayList<>()).add(row);
        }
    }

    /**
     * A statement with two parameters, the first and last of the positions it was asked for over the
     * whole batch, run once at the end of the batch.
     */
    public void onceOver(Statement statement, long position) {
        Map<Statement, List<Object[]>> pending = pending();
        if (pending == null) {
            jdbc.update(statement.sql(), position, position);
        } else {
            Object[] span = pending.computeIfAbsent(statement, key -> new ArrayList<>(List.<Object[]>of(
                    new Object[]{position, position}))).get(0);
            span[0] = Math.min((Long) span[0], position);
            span[1] = Math.max((Long) span[1], position);
        }
    }

    private Map<Statement, List<Object[]>> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        return BeforeCommit.collection(CurrentUnitOfWork.get().root(), PendingWrites.class,
                () -> new TreeMap<>((a, b) -> a.order() != b.order()
                        ? Integer.compare(a.order(), b.order()) : a.sql().compareTo(b.sql())),
                this::flush);
    }

    /**
     * Writes the batch as plain inserts; should a row already be there (events delivered again), takes
     * them back and writes the batch again under the {@link Redelivery} rule.
     */
    private void flush(Map<Statement, List<Object[]>> pending) {
        jdbc.execute("SAVEPOINT first_delivery");
        try {
            pending.forEach(this::firstDelivery);
            jdbc.execute("RELEASE SAVEPOINT first_delivery");
        } catch (DuplicateKeyException deliveredAgain) {
            jdbc.execute("ROLLBACK TO SAVEPOINT first_delivery");
            pending.forEach((statement, rows) -> jdbc.batchUpdate(statement.sql(), rows));
        }
        pending.clear();
    }

    private void firstDelivery(Statement statement, List<Object[]> rows) {
        if (!statement.copies()) {
            jdbc.batchUpdate(statement.firstDelivery(), rows);
            return;
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> CopyText.copyIn(connection, statement.firstDelivery(), rows));
    }
}
