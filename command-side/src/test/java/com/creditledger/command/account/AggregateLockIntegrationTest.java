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
 * Every command locks its account with {@code lock_aggregate_head}, which answers the store's last
 * sequence number for it and that event's position: that must read one entry however long the
 * account's history, with the plan a connection made while the store was empty and no ANALYZE
 * since. A group commit locks its accounts with {@code lock_aggregates}, in one call, with the
 * same numbers.
 */
class AggregateLockIntegrationTest {

    @Test
    void theLockReadsOneEntryOfAnAccountsHistoryWhateverItsLength() throws SQLException {
        assertThat(entriesReadOnceHistoriesAreLong(jdbc -> List.of(lockAlone(jdbc, "acct-1")),
                List.of("acct-1=-1 at 0"), List.of("acct-1=999 at 2000"))).isLessThanOrEqualTo(1);
    }

    /** A read that waited for an account's lock answers with the event its holder committed, and its position. */
    @Test
    void aLockThatWaitedSeesWhatTheHolderCommittedAndWhereItStands() throws Exception {
        assertThat(afterWaitingForTheHolder(jdbc -> lockAlone(jdbc, "acct-0"))).isEqualTo("acct-0=0 at 1");
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
        assertThat(afterWaitingForTheHolder(jdbc -> lockGroup(jdbc, "new", "acct-0"))).isEqualTo(List.of("new=-1", "acct-0=0"));
    }

    /**
     * Holds acct-0's lock with its first event (the store's first) not yet committed, lets {@code lock}
     * wait for it on another connection, commits, and answers what {@code lock} read.
     */
    private static Object afterWaitingForTheHolder(Function<JdbcTemplate, Object> lock) throws Exception {
        TestDatabase.Database database = SchemaOnNewDatabase.create();
        try (Connection holder = SchemaOnNewDatabase.connect(database);
             Connection waiter = SchemaOnNewDatabase.connect(database)) {
            JdbcTemplate holding = new JdbcTemplate(new SingleConnectionDataSource(holder, true));
            assertThat(lockAlone(holding, "acct-0")).isEqualTo("acct-0=-1 at 0");
            addEventsOfTwoAccounts(holding, 1);

            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(
                    () -> lock.apply(new JdbcTemplate(new SingleConnectionDataSource(waiter, true))));
            Thread.sleep(300);
            assertThat(waiting).as("waits for the holder's lock").isNotDone();
            holder.commit();

            Object read = waiting.get(10, TimeUnit.SECONDS);
            waiter.rollback();
            return read;
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

    private static String lockAlone(JdbcTemplate jdbc, String id) {
        return jdbc.queryForObject("SELECT ? || '=' || last_sequence || ' at ' || last_position FROM lock_aggregate_head(?)",
                String.class, id, id);
    }

    private static List<String> lockGroup(JdbcTemplate jdbc, String... ids) {
        return jdbc.queryForList("SELECT aggregate_id || '=' || last_sequence FROM lock_aggregates(?::text[])",
                String.class, (Object) ids);
    }
}
