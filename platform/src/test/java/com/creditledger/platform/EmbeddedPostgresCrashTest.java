package com.creditledger.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps what it acknowledged: 8 writers commit rows as fast as they can, the
 * embedded PostgreSQL is killed with SIGKILL mid-load, restarted on the same folder, and every row
 * whose commit returned is there. (The ledger acknowledges a command only after its commit.)
 */
class EmbeddedPostgresCrashTest {

    @Test
    void everyAcknowledgedCommitSurvivesAKill9(@TempDir Path directory) throws Exception {
        int port = freePort();
        EmbeddedPostgresDefault configuration = new EmbeddedPostgresDefault();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        EmbeddedPostgresDefault.Server server = configuration.embeddedPostgres(directory, port);
        try (HikariDataSource dataSource = configuration.dataSource(server)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("CREATE TABLE acknowledged (key TEXT PRIMARY KEY)");
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(8);
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        String key = "w" + writer + "-" + i;
                        try {
                            jdbc.update("INSERT INTO acknowledged (key) VALUES (?)", key);
                            acknowledged.add(key);
                        } catch (RuntimeException databaseGone) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(1500);
            long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
            new ProcessBuilder("kill", "-9", Long.toString(postmaster)).start().waitFor();
            running.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            closeQuietly(server);
        }
        assertThat(acknowledged).hasSizeGreaterThan(100);
        Thread.sleep(1000); // the killed server's backends notice their postmaster is gone

        EmbeddedPostgresDefault.Server restarted = configuration.embeddedPostgres(directory, port);
        try (HikariDataSource dataSource = configuration.dataSource(restarted)) {
            List<String> stored = new JdbcTemplate(dataSource).queryForList("SELECT key FROM acknowledged", String.class);
            assertThat(stored).containsAll(acknowledged);
        } finally {
            restarted.close();
        }
    }

    private static void closeQuietly(EmbeddedPostgresDefault.Server server) {
        try {
            server.close();
        } catch (IOException | RuntimeException alreadyDead) {
            // the server was killed: there is nothing to stop
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
