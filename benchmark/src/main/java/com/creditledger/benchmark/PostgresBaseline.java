package com.creditledger.benchmark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL's own capacity on this machine, the yardstick of every ledger figure: event-sized rows
 * (a usage event's payload and metadata) into a table shaped like the event store, with its unique
 * indexes, by as many clients as the load generator uses, one row per transaction and 100 rows per
 * transaction, with the server's durability settings as they are (fsync, synchronous commit).
 */
final class PostgresBaseline {

    static final byte[] PAYLOAD = ("{\"accountId\":\"acct-004217\",\"idempotencyKey\":\"c12-88211\",\"requestId\":null,"
            + "\"apiKeyId\":null,\"model\":\"gpt-4o\",\"tokens\":{\"inputTokens\":1000,\"cachedInputTokens\":0,"
            + "\"outputTokens\":200},\"pricing\":{\"rateCardVersion\":\"default\",\"dimensions\":[{\"dimension\":\"input\","
            + "\"tokens\":1000,\"pricePerMillion\":2.50,\"credits\":0.0025},{\"dimension\":\"cachedInput\",\"tokens\":0,"
            + "\"pricePerMillion\":0.250,\"credits\":0},{\"dimension\":\"output\",\"tokens\":200,\"pricePerMillion\":10.00,"
            + "\"credits\":0.002}]},\"amount\":\"0.0045\",\"occurredAt\":\"2026-11-21T06:02:51Z\",\"draws\":[{\"lotId\":"
            + "\"t1.combined\",\"credits\":\"0.0045\",\"revenue\":\"0.00\"}],\"overage\":\"0.00\",\"overageRevenue\":\"0.00\","
            + "\"postpaidRevenue\":\"0.00\",\"requestDigest\":\"6f1c0c1d3e5a4b8f9a2c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a\"}")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] METADATA = "{\"traceId\":\"2d6c1a7e-0b5f-4c1e-9a7d-3f2b1c0d9e8f\",\"correlationId\":\"2d6c1a7e-0b5f-4c1e-9a7d-3f2b1c0d9e8f\",\"actor\":\"bench\"}"
            .getBytes(StandardCharsets.UTF_8);

    private PostgresBaseline() {
    }

    record Rate(double rowsPerSecond, long rows, double seconds) {
    }

    static Rate measure(String url, String user, String password, int clients, int seconds, int rowsPerTransaction)
            throws Exception {
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement ddl = admin.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS baseline_event");
            ddl.execute("CREATE TABLE baseline_event (globalindex BIGSERIAL PRIMARY KEY, eventidentifier VARCHAR(255) NOT NULL UNIQUE, "
                    + "aggregateidentifier VARCHAR(255) NOT NULL, sequencenumber BIGINT NOT NULL, type VARCHAR(255), "
                    + "timestamp VARCHAR(255) NOT NULL, payloadtype VARCHAR(255) NOT NULL, payloadrevision VARCHAR(255), "
                    + "payload BYTEA NOT NULL, metadata BYTEA, UNIQUE (aggregateidentifier, sequencenumber))");
        }
        AtomicLong rows = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            String aggregate = "baseline-" + client;
            work.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO baseline_event (eventidentifier, "
                             + "aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payload, metadata) "
                             + "VALUES (?, ?, ?, 'CreditAccount', ?, 'com.creditledger.kernel.usage.UsageDebited', ?, ?)")) {
                    connection.setAutoCommit(rowsPerTransaction == 1);
                    long sequence = 0;
                    while (System.nanoTime() < deadline) {
                        for (int i = 0; i < rowsPerTransaction; i++) {
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, aggregate);
                            insert.setLong(3, sequence++);
                            insert.setString(4, Instant.now().toString());
                            insert.setBytes(5, PAYLOAD);
                            insert.setBytes(6, METADATA);
                            if (rowsPerTransaction == 1) {
                                insert.executeUpdate();
                            } else {
                                insert.addBatch();
                            }
                        }
                        if (rowsPerTransaction > 1) {
                            insert.executeBatch();
                            connection.commit();
                        }
                        rows.addAndGet(rowsPerTransaction);
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
            ddl.execute("DROP TABLE baseline_event");
        } catch (SQLException ignored) {
            // the database is dropped with the run anyway
        }
        return new Rate(rows.get() / elapsed, rows.get(), elapsed);
    }
}
