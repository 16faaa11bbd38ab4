package com.creditledger.command.account;

import com.creditledger.command.storage.SchemaOnNewDatabase;
import com.creditledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command locks its account with {@code lock_aggregate}, which answers the store's last
 * sequence number for it: that must read one entry however long the account's history, with the
 * plan a connection made while the store was empty and no ANALYZE since. A group commit locks its
 * accounts with {@code lock_aggregates}, in one call, with the same answers.
 */
class AggregateLockIntegrationTest {

    @Test
    void theLockReadsOneEntryOfAnAccountsHistoryWhateverItsLength() throws SQLException {
        assertThat(entriesReadOnceHistoriesAreLong(
                jdbc -> List.of("acct-1=" + jdbc.queryForObject("SELECT lock_aggregate(?)", Long.class, "acct-1")),
                List.of("acct-1=-1"), List.of("acct-1=999"))).isLessThanOrEqualTo(1);
    }

    @Test
    void aGroupLocksItsAccountsInTheOrderGivenAndLearnsEachOnesLastSequenceNumber() throws SQLException {
        TestDatabase.Database database = SchemaOnNewDatabase.create();
        try (Connection group = SchemaOnNewDatabase.connect(database);
             Connection other = SchemaOnNewDatabase.connect(database)) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(group, true));
            addEventsOfTwoAccounts(jdbc, 10);
            group.commit();

            assertThat(lockGroup(jdbc, "acct-1", "new", "acct-0")).containsExactly("acct-1=4", "new=-1", "acct-0=4");

            JdbcTemplate elsewhere = new JdbcTemplate(new SingleConnectionDataSource(other, true));
            for (String held : new String[] {"acct-0", "acct-1", "new"}) {
                assertThat(elsewhere.queryForObject("SELECT pg_try_advisory_xact_lock(2, hashtext(?))", Boolean.class, held))
                        .as("%s is locked until the group's transaction ends", held).isFalse();
            }
            group.rollback();
            assertThat(elsewhere.queryForObject("SELECT pg_try_advisory_xact_lock(2, hashtext(?))", Boolean.class, "acct-1"))
                    .isTrue();
            other.rollback();
        }
    }

    @Test
    void aGroupReadsOneEntryPerAccountWhateverTheirHistories() throws SQLException {
        assertThat(entriesReadOnceHistoriesAreLong(jdbc -> lockGroup(jdbc, "acct-1", "acct-0"),
                List.of("acct-1=-1", "acct-0=-1"), List.of("acct-1=999", "acct-0=999"))).isLessThanOrEqualTo(2);
    }

    /** A group that waited for an account's lock learns the number its holder committed, not the one before. */
    @Test
    void aGroupThatWaitedSeesWhatTheHolderCommitted() throws Exception {
        TestDatabase.Database database = SchemaOnNewDatabase.create();
        try (Connection holder = SchemaOnNewDatabase.connect(database);
             Connection group = SchemaOnNewDatabase.connect(database)) {
            JdbcTemplate holding = new JdbcTemplate(new SingleConnectionDataSource(holder, true));
            assertThat(holding.queryForObject("SELECT lock_aggregate(?)", Long.class, "acct-0")).isEqualTo(-1L);
            addEventsOfTwoAccounts(holding, 1); // acct-0's first

            CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(
                    () -> lockGroup(new JdbcTemplate(new SingleConnectionDataSource(group, true)), "new", "acct-0"));
            Thread.sleep(300);
            assertThat(waiting).as("waits for the holder's lock").isNotDone();
            holder.commit();

            assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly("new=-1", "acct-0=0");
            group.rollback();
        }
    }

    /**
     * Locks on an empty store until the server keeps a generic plan, gives two accounts a thousand
     * events each, and locks again: the entries of the event table that last lock read.
     */
    private static long entriesReadOnceHistoriesAreLong(Function<JdbcTemplate, List<String>> lock,
                                                         List<String> onEmptyStore, List<String> onLongHistories)
            throws SQLException {
        try (Connection connection = SchemaOnNewDatabase.connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (int i = 0; i < 10; i++) { // past the server's threshold for keeping a generic plan
                assertThat(lock.apply(jdbc)).containsExactlyElementsOf(onEmptyStore);
                connection.commit();
            }
            addEventsOfTwoAccounts(jdbc, 2_000);
            connection.commit();
            long readBefore = SchemaOnNewDatabase.rowsRead(connection, "domainevententry");

            assertThat(lock.apply(jdbc)).containsExactlyElementsOf(onLongHistories);

            long read = SchemaOnNewDatabase.rowsRead(connection, "domainevententry") - readBefore;
            connection.rollback();
            return read;
        }
    }

    /** Events 0 to count - 1 of the store, alternately acct-0's and acct-1's, in sequence. */
    private static void addEventsOfTwoAccounts(JdbcTemplate jdbc, int count) {
        jdbc.update("INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, "
                + "timestamp, payloadtype, payload) SELECT 'event-' || i, 'acct-' || (i % 2), i / 2, 'CreditAccount', "
                + "'2026-12-05T00:00:00Z', 'UsageDebited', '{}'::bytea FROM generate_series(0, ? - 1) AS i", count);
    }

    private static List<String> lockGroup(JdbcTemplate jdbc, String... ids) {
        return jdbc.queryForList("SELECT aggregate_id || '=' || last_sequence FROM lock_aggregates(?::text[])",
                String.class, (Object) ids);
    }
}
