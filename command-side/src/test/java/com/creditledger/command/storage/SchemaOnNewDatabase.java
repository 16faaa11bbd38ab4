package com.creditledger.command.storage;

import com.creditledger.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A connection, in manual commit, to a new database holding the command side's tables and nothing
 * else: for tests of single statements, which no application context needs to start for.
 */
public final class SchemaOnNewDatabase {

    private SchemaOnNewDatabase() {
    }

    public static Connection connect() throws SQLException {
        return connect(create());
    }

    /** A new database with the command side's tables, for several connections to it. */
    public static TestDatabase.Database create() {
        TestDatabase.Database database = TestDatabase.create();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/event-store", "classpath:db/migration").load().migrate();
        return database;
    }

    /** A connection in manual commit to {@code database}. */
    public static Connection connect(TestDatabase.Database database) throws SQLException {
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * Rows of {@code table} this backend has read so far, by sequential scans and from its indexes, as
     * not yet reported to the statistics: it can include earlier transactions, so compare a before and after.
     */
    public static long rowsRead(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT t.seq_tup_read + (SELECT coalesce(sum(pg_stat_get_xact_tuples_returned(i.indexrelid)), 0) "
                + "FROM pg_index i WHERE i.indrelid = t.relid) FROM pg_stat_xact_user_tables t WHERE t.relname = ?")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
