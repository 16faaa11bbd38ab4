package com.creditledger.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * With no database configured, the ledger runs on an embedded PostgreSQL (real binaries from
 * Maven Central) whose data stays in a local folder across restarts (SPEC §2), so a newcomer needs
 * nothing but a JDK. The first service to start launches it; the other finds it on its port and
 * shares it, because both sides must read the same event store.
 */
public class EmbeddedPostgresDefault implements EnvironmentPostProcessor {

    static final String ENABLED = "ledger.embedded-database.enabled";
    static final String DIRECTORY = "ledger.embedded-database.directory";
    static final String PORT = "ledger.embedded-database.port";

    private static EmbeddedPostgres started;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")
                || !environment.getProperty(ENABLED, Boolean.class, true)) {
            return;
        }
        int port = environment.getProperty(PORT, Integer.class, 54329);
        Path directory = Path.of(environment.getProperty(DIRECTORY, "data/postgres"));
        ensureRunning(directory, port);
        environment.getPropertySources().addLast(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "")));
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
