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
 * from Maven Central) whose data stays in a local folder across restarts (SPEC §2), so a newcomer
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

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(@Value("${ledger.embedded-database.directory:data/postgres}") Path directory,
                                @Value("${ledger.embedded-database.port:54329}") int port) {
        ensureRunning(directory, port);
        return DataSourceBuilder.create().type(HikariDataSource.class)
                .url("jdbc:postgresql://localhost:" + port + "/postgres")
                .username("postgres")
                .build();
    }

    private static synchronized void ensureRunning(Path directory, int port) {
        if (started != null || isListening(port)) {
            return;
        }
        try {
            Files.createDirectories(directory);
            started = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
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
