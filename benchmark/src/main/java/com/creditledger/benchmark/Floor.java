package com.creditledger.benchmark;

import com.creditledger.kernel.TimeOrderedId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor PostgreSQL sets for a debit: exactly the rows the command side writes for one (the
 * event, its idempotency receipt, its hash link), copied byte for byte from a debit the ledger
 * wrote in this run, into copies of its tables (same columns, keys and indexes), by as many clients,
 * with the server's durability as it is. One debit per transaction is the floor of single debits;
 * {@code perTransaction} debits per transaction the floor of batches. With projections, each debit
 * also writes the rows the projections wrote for it (usage, credit movements, journal lines; a
 * debit has no history row of its own), in the same transaction: the ledger writes them in
 * transactions of their own, and also
 * updates the monthly sums, which are not rows per debit and are left out.
 */
final class Floor {

    /**
     * The projections' tables that may hold rows of a debit, each copied as the ledger wrote it (the
     * monthly sums hold sums, not rows per debit).
     */
    private static final List<String> PROJECTION_TABLES = List.of("qs_usage", "qs_history", "qs_credit_movement",
            "qs_journal_line");

    private Floor() {
    }

    /** A projection row of the sampled debit: its table's columns (but the transaction mark) and values. */
    private record ProjectionRow(String table, List<String> columns, List<Object> values) {

        String insert() {
            return "INSERT INTO floor_" + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
        }

        /** The sampled values, with the keys of this copy: its account, idempotency key, position and event. */
        void bind(PreparedStatement insert, String account, String key, long globalIndex, String eventId)
                throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 1, switch (columns.get(i)) {
                    case "account_id" -> account;
                    case "idempotency_key" -> key;
                    case "global_index" -> globalIndex;
                    case "event_id" -> eventId;
                    default -> values.get(i);
                });
            }
            insert.addBatch();
        }
    }

    record Rate(double debitsPerSecond, long debits, double seconds) {
    }

    /** One debit's three rows as the ledger stored them. */
    private record Debit(String type, String timestamp, String payloadType, byte[] payload, byte[] metadata,
                         String digest, String receipt, String hash, String eventId) {
    }

    static Rate measure(String url, String user, String password, int clients, int seconds, int perTransaction,
                        boolean withProjections) throws Exception {
        Debit debit;
        List<ProjectionRow> projectionRows = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement ddl = admin.createStatement()) {
            for (String table : List.of("domainevententry", "usage_receipt", "event_hash")) {
                emptyCopyOf(ddl, table);
            }
            // a sequence of its own, as the event store's: the copy must not take global indexes from the store
            ddl.execute("CREATE SEQUENCE IF NOT EXISTS floor_globalindex");
            ddl.execute("ALTER TABLE floor_domainevententry ALTER COLUMN globalindex SET DEFAULT nextval('floor_globalindex')");
            // the last debit first, then its rows by key: without statistics (autovacuum off) the planner
            // joined every event to every receipt of its account, parsing payloads for minutes
            try (ResultSet row = ddl.executeQuery("""
                    WITH e AS MATERIALIZED (SELECT * FROM domainevententry WHERE payloadtype LIKE '%UsageDebited'
                                            ORDER BY globalindex DESC LIMIT 1)
                    SELECT e.type, e.timestamp, e.payloadtype, e.payload, e.metadata, r.request_digest, r.receipt::text, h.hash,
                           e.eventidentifier
                    FROM e
                    JOIN event_hash h ON h.aggregate_id = e.aggregateidentifier AND h.sequence_number = e.sequencenumber
                    JOIN usage_receipt r ON r.account_id = e.aggregateidentifier
                     AND r.idempotency_key = convert_from(e.payload, 'UTF8')::jsonb ->> 'idempotencyKey'""")) {
                if (!row.next()) {
                    throw new IllegalStateException("the floor copies a debit the ledger wrote: charge one first");
                }
                debit = new Debit(row.getString(1), row.getString(2), row.getString(3), row.getBytes(4), row.getBytes(5),
                        row.getString(6), row.getString(7), row.getString(8), row.getString(9));
            }
            if (withProjections) {
                for (String table : PROJECTION_TABLES) {
                    emptyCopyOf(ddl, table);
                    projectionRows.addAll(rowsOf(admin, table, debit.eventId()));
                }
            }
        }
        AtomicLong debits = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            String account = "floor-" + client;
            long firstIndex = (client + 1L) * 1_000_000_000_000L; // positions no other client takes
            work.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement event = connection.prepareStatement("INSERT INTO floor_domainevententry "
                             + "(eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payload, "
                             + "metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement receipt = connection.prepareStatement("INSERT INTO floor_usage_receipt "
                             + "(account_id, idempotency_key, request_digest, receipt) VALUES (?, ?, ?, ?::jsonb)");
                     PreparedStatement link = connection.prepareStatement("INSERT INTO floor_event_hash "
                             + "(aggregate_id, sequence_number, event_id, hash) VALUES (?, ?, ?, ?)")) {
                    connection.setAutoCommit(false);
                    Map<String, PreparedStatement> projections = new LinkedHashMap<>();
                    for (ProjectionRow row : projectionRows) {
                        if (!projections.containsKey(row.table())) {
                            projections.put(row.table(), connection.prepareStatement(row.insert()));
                        }
                    }
                    long sequence = 0;
                    while (System.nanoTime() < deadline) {
                        for (int i = 0; i < perTransaction; i++, sequence++) {
                            String eventId = TimeOrderedId.next();
                            event.setString(1, eventId);
                            event.setString(2, account);
                            event.setLong(3, sequence);
                            event.setString(4, debit.type());
                            event.setString(5, debit.timestamp());
                            event.setString(6, debit.payloadType());
                            event.setBytes(7, debit.payload());
                            event.setBytes(8, debit.metadata());
                            event.addBatch();
                            receipt.setString(1, account);
                            receipt.setString(2, "k-" + sequence);
                            receipt.setString(3, debit.digest());
                            receipt.setString(4, debit.receipt());
                            receipt.addBatch();
                            link.setString(1, account);
                            link.setLong(2, sequence);
                            link.setString(3, eventId);
                            link.setString(4, debit.hash());
                            link.addBatch();
                            for (ProjectionRow row : projectionRows) {
                                row.bind(projections.get(row.table()), account, "k-" + sequence, firstIndex + sequence, eventId);
                            }
                        }
                        event.executeBatch();
                        receipt.executeBatch();
                        link.executeBatch();
                        for (PreparedStatement projection : projections.values()) {
                            projection.executeBatch();
                        }
                        connection.commit();
                        debits.addAndGet(perTransaction);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement ddl = admin.createStatement()) {
            for (String table : List.of("domainevententry", "usage_receipt", "event_hash")) {
                ddl.execute("DROP TABLE floor_" + table);
            }
            for (String table : PROJECTION_TABLES) {
                ddl.execute("DROP TABLE IF EXISTS floor_" + table);
            }
            ddl.execute("DROP SEQUENCE floor_globalindex");
        }
        return new Rate(debits.get() / elapsed, debits.get(), elapsed);
    }

    /** {@code floor_<table>}, empty, with the table's columns, keys and indexes. */
    private static void emptyCopyOf(Statement ddl, String table) throws SQLException {
        ddl.execute("DROP TABLE IF EXISTS floor_" + table);
        ddl.execute("CREATE TABLE floor_" + table + " (LIKE " + table + " INCLUDING ALL)");
    }

    /** The rows the projections wrote into {@code table} for the sampled event; its transaction mark takes its default. */
    private static List<ProjectionRow> rowsOf(Connection connection, String table, String eventId) throws SQLException {
        List<ProjectionRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM " + table + " WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                ResultSetMetaData columns = row.getMetaData();
                while (row.next()) {
                    List<String> names = new ArrayList<>();
                    List<Object> values = new ArrayList<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        if (!columns.getColumnName(i).equals("tx")) {
                            names.add(columns.getColumnName(i));
                            values.add(row.getObject(i));
                        }
                    }
                    rows.add(new ProjectionRow(table, names, values));
                }
            }
        }
        return rows;
    }
}
