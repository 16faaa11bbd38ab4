package com.creditledger.platform.cluster;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The advisory locks of {@link NodeLock}, across every node on the database. Work that one node at a
 * time may do holds its lock on a connection of its own for the work's duration, so the work's
 * transactions are their own business; a transaction may hold a lock shared until it ends. A node
 * that dies releases its locks with its connections.
 */
@Component
public class NodeLocks {

    private static final String RELEASE = "SELECT pg_advisory_unlock(?, 0)";
    private static final String RELEASE_SHARED = "SELECT pg_advisory_unlock_shared(?, 0)";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public NodeLocks(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Holds {@code lock} shared until the current transaction ends (waiting while a node holds it alone). */
    public void shareUntilCommit(NodeLock lock) {
        jdbc.queryForObject("SELECT true FROM pg_advisory_xact_lock_shared(?, 0)", Boolean.class, lock.namespace());
    }

    /** Waits for {@code lock}, then runs {@code work} holding it. */
    public <T> T holding(NodeLock lock, Supplier<T> work) {
        return run(lock, "SELECT true FROM pg_advisory_lock(?, 0)", RELEASE, work).orElse(null);
    }

    /** Runs {@code work} holding {@code lock} if no node holds it now; else runs nothing (empty). */
    public <T> Optional<T> ifFree(NodeLock lock, Supplier<T> work) {
        return run(lock, "SELECT pg_try_advisory_lock(?, 0)", RELEASE, work);
    }

    /**
     * Waits while a node holds {@code lock} alone, then runs {@code work} holding it shared: other
     * nodes may share it meanwhile, none may take it alone until the work is done.
     */
    public <T> T sharing(NodeLock lock, Supplier<T> work) {
        return run(lock, "SELECT true FROM pg_advisory_lock_shared(?, 0)", RELEASE_SHARED, work).orElse(null);
    }

    /** Runs {@code work} holding {@code lock} shared if no node holds it alone now; else runs nothing (empty). */
    public <T> Optional<T> sharingIfFree(NodeLock lock, Supplier<T> work) {
        return run(lock, "SELECT pg_try_advisory_lock_shared(?, 0)", RELEASE_SHARED, work);
    }

    private <T> Optional<T> run(NodeLock lock, String take, String release, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!call(connection, take, lock)) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.get());
            } finally {
                call(connection, release, lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lock " + lock + " could not be taken or released", e);
        }
    }

    private static boolean call(Connection connection, String sql, NodeLock lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, lock.namespace());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }
}
