package com.creditledger.command.account;

import com.creditledger.command.storage.SchemaOnNewDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command locks its account with {@code lock_aggregate}, which answers the store's last
 * sequence number for it: that must read one entry however long the account's history, with the
 * plan a connection made while the store was empty and no ANALYZE since.
 */
class AggregateLockIntegrationTest {

    @Test
    void theLockReadsOneEntryOfAnAccountsHistoryWhateverItsLength() throws SQLException {
        try (Connection connection = SchemaOnNewDatabase.connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (int i = 0; i < 10; i++) { // past the server's threshold for keeping a generic plan
                assertThat(jdbc.queryForObject("SELECT lock_aggregate(?)", Long.class, "acct-1")).isEqualTo(-1L);
                connection.commit();
            }
            jdbc.update("INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, "
                    + "timestamp, payloadtype, payload) SELECT 'event-' || i, 'acct-' || (i % 2), i / 2, 'CreditAccount', "
                    + "'2026-12-05T00:00:00Z', 'UsageDebited', '{}'::bytea FROM generate_series(0, 1999) AS i");
            connection.commit();
            long readBefore = SchemaOnNewDatabase.rowsRead(connection, "domainevententry");

            assertThat(jdbc.queryForObject("SELECT lock_aggregate(?)", Long.class, "acct-1")).isEqualTo(999L);

            assertThat(SchemaOnNewDatabase.rowsRead(connection, "domainevententry") - readBefore).isLessThanOrEqualTo(1);
            connection.rollback();
        }
    }
}
