package com.creditledger.platform;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps every acknowledged commit: fsync and synchronous commit are on. */
class EmbeddedPostgresDefaultTest {

    @Test
    void theEmbeddedServerFlushesEveryCommit(@TempDir Path directory) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (HikariDataSource dataSource = new EmbeddedPostgresDefault().dataSource(directory, port)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");
        }
    }
}
