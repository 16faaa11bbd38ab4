package com.creditledger.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With no {@code spring.datasource.url}, the ledger runs on an embedded PostgreSQL (real binaries
 * from Maven Central) whose data stays in a local folder across restarts (docs/operations.md), so a newcomer
 * needs nothing but a JDK. The first service to start launches it; the other finds it on its port
 * and shares it, because both sides must read the same event store.
 * <p>
 * It is as durable as any PostgreSQL: the embedding library's defaults are for tests (fsync and
 * synchronous commit off, so an acknowledged debit could vanish in a crash); the ledger turns both
 * back on, since it never acknowledges what it can lose.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() and ${ledger.embedded-database.enabled:true}")
public class EmbeddedPostgresDefault {

    private static EmbeddedPostgres started;
    private static int users;

    /**
     * The embedded server as this context uses it. Spring closes it after the data source (which
     * depends on it), so the server this process started stops only once nothing here uses it,
     * instead of racing the application's shutdown from a hook of its own.
     */
    public static final class Server implements AutoCloseable {

        private final int port;
        private final boolean startedHere;
        private boolean closed;

        private Server(int port, boolean startedHere) {
            this.port = port;
            this.startedHere = startedHere;
        }

        @Override
        public void close() throws IOException {
            synchronized (EmbeddedPostgresDefault.class) {
                if (closed || !startedHere) {
                    return;
                }
                closed = true;
                if (--users == 0) {
                    try {
                        started.close();
                    } finally {
                        started = null; // even when it was already gone (killed): the next start is a new server
                    }
                }
            }
        }
    }

    @Bean(destroyMethod = "close")
    Server embeddedPostgres(@Value("${ledger.embedded-database.directory:data/postgres}") Path directory,
                            @Value("${ledger.embedded-database.port:54329}") int port) {
        return new Server(port, ensureRunning(directory, port));
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(Server server) {
        return DataSourceBuilder.create().type(HikariDataSource.class)
                .url("jdbc:postgresql://localhost:" + server.port + "/postgres")
                .username("postgres")
                .build();
    }

    /** @return whether this process started (and so stops) the server */
    private static synchronized boolean ensureRunning(Path directory, int port) {
        if (started != null) {
            users++;
            return true;
        }
        if (isListening(port)) {
            return false; // the other service of this ledger started it, and stops it
        }
        try {
            Files.createDirectories(directory);
            started = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            users = 1;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException notListening) {
            return false;
        }
    }
}
