package com.creditledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor PostgreSQL sets for a debit: exactly the rows the command side writes for one (the
 * event, its idempotency receipt, its hash link), copied byte for byte from a debit the ledger
 * wrote in this run, into copies of its tables (same columns, keys and indexes), by as many clients,
 * with the server's durability as it is. One debit per transaction is the floor of single debits;
 * {@code perTransaction} debits per transaction the floor of batches.
 */
final class CommandSideFloor {

    private CommandSideFloor() {
    }

    record Rate(double debitsPerSecond, long debits, double seconds) {
    }

    /** One debit's three rows as the ledger stored them. */
    private record Debit(String type, String timestamp, String payloadType, byte[] payload, byte[] metadata,
                         String digest, String receipt, String hash) {
    }

    static Rate measure(String url, String user, String password, int clients, int seconds, int perTransaction)
            throws Exception {
        Debit debit;
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement ddl = admin.createStatement()) {
            for (String table : List.of("domainevententry", "usage_receipt", "event_hash")) {
                ddl.execute("DROP TABLE IF EXISTS floor_" + table);
                ddl.execute("CREATE TABLE floor_" + table + " (LIKE " + table + " INCLUDING ALL)");
            }
            // a sequence of its own, as the event store's: the copy must not take global indexes from the store
            ddl.execute("CREATE SEQUENCE IF NOT EXISTS floor_globalindex");
            ddl.execute("ALTER TABLE floor_domainevententry ALTER COLUMN globalindex SET DEFAULT nextval('floor_globalindex')");
            try (ResultSet row = ddl.executeQuery("""
                    SELECT e.type, e.timestamp, e.payloadtype, e.payload, e.metadata, r.request_digest, r.receipt::text, h.hash
                    FROM domainevententry e
                    JOIN event_hash h ON h.aggregate_id = e.aggregateidentifier AND h.sequence_number = e.sequencenumber
                    JOIN usage_receipt r ON r.account_id = e.aggregateidentifier
                     AND r.idempotency_key = convert_from(e.payload, 'UTF8')::jsonb ->> 'idempotencyKey'
                    WHERE e.payloadtype LIKE '%UsageDebited' ORDER BY e.globalindex DESC LIMIT 1""")) {
                if (!row.next()) {
                    throw new IllegalStateException("the floor copies a debit the ledger wrote: charge one first");
                }
                debit = new Debit(row.getString(1), row.getString(2), row.getString(3), row.getBytes(4), row.getBytes(5),
                        row.getString(6), row.getString(7), row.getString(8));
            }
        }
        AtomicLong debits = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            String account = "floor-" + client;
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
                    long sequence = 0;
                    while (System.nanoTime() < deadline) {
                        for (int i = 0; i < perTransaction; i++, sequence++) {
                            String eventId = UUID.randomUUID().toString();
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
                        }
                        event.executeBatch();
                        receipt.executeBatch();
                        link.executeBatch();
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
            ddl.execute("DROP SEQUENCE floor_globalindex");
        }
        return new Rate(debits.get() / elapsed, debits.get(), elapsed);
    }
}
