package com.creditledger.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The one place that decides which real PostgreSQL the integration tests use, in this order:
 * <ol>
 *   <li>{@code LEDGER_TEST_DATABASE_URL} (a JDBC URL with user, e.g. the CI machine's server);</li>
 *   <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL (real binaries from Maven Central).</li>
 * </ol>
 * Every caller gets a database of its own on that server, so tests never see each other's events.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "LEDGER_TEST_DATABASE_URL";

    private static Server server;

    private TestDatabase() {
    }

    /** A new, empty database. */
    public static synchronized Database create() {
        if (server == null) {
            server = startServer();
        }
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database on " + server.adminUrl(), e);
        }
        return new Database(server.urlOf(name), server.user(), server.password(), server.origin());
    }

    public record Database(String url, String user, String password, String origin) {
    }

    private record Server(String adminUrl, String user, String password, String origin) {

        String urlOf(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String parameters = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
        }
    }

    private static Server startServer() {
        String explicit = System.getenv(URL_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return new Server(explicit, System.getenv().getOrDefault("LEDGER_TEST_DATABASE_USER", "postgres"),
                    System.getenv().getOrDefault("LEDGER_TEST_DATABASE_PASSWORD", ""), "environment");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temporary data directory goes with it
                }
            }));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }
}
