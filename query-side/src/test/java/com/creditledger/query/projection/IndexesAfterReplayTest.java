package com.creditledger.query.projection;

import com.creditledger.query.QuerySchema;
import com.creditledger.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay's reset drops the appended tables' non-unique indexes and the step after its events
 * builds each again exactly as it was, once, however many nodes finish at the same time.
 */
class IndexesAfterReplayTest {

    private static final String INDEXES = "SELECT indexname || ': ' || indexdef FROM pg_indexes "
            + "WHERE schemaname = current_schema() AND tablename LIKE 'qs\\_%' ORDER BY indexname";

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;

    @BeforeEach
    void migratedDatabaseWithRows() {
        TestDatabase.Database database = TestDatabase.create();
        QuerySchema.migrations(database).load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        transactions = new DataSourceTransactionManager(jdbc.getDataSource());
        jdbc.update("INSERT INTO qs_usage (account_id, idempotency_key, event_id, global_index, occurred_at, amount, "
                + "overage, postpaid_revenue, recorded_at, balance_delta) SELECT 'acct-' || (n % 50), 'call-' || n, "
                + "'event-' || n, n, now() - n * interval '1 minute', 0.5, 0, 0, now(), -0.5 "
                + "FROM generate_series(1, 5000) n");
    }

    @Test
    void theResetDropsOnlyTheAppendedTablesNonUniqueIndexes() {
        List<String> before = jdbc.queryForList(INDEXES, String.class);

        reset();

        List<String> during = jdbc.queryForList(INDEXES, String.class);
        assertThat(before).anyMatch(index -> index.startsWith("qs_usage_month:"))
                .anyMatch(index -> index.startsWith("qs_journal_line_account:"));
        assertThat(during).noneMatch(index -> index.startsWith("qs_usage_month:"))
                .noneMatch(index -> index.startsWith("qs_journal_line_account:"))
                .noneMatch(index -> index.startsWith("qs_credit_movement_account:"))
                .anyMatch(index -> index.startsWith("qs_usage_pkey:"))
                .anyMatch(index -> index.startsWith("qs_journal_line_pkey:"))
                .anyMatch(index -> index.startsWith("qs_invoice_account:"));
        assertThat(count()).as("definitions waiting, so the replay is pending").isPositive();
    }

    @Test
    void twoNodesFinishingTogetherBuildEveryIndexOnceAsItWas() {
        List<String> before = jdbc.queryForList(INDEXES, String.class);
        reset();
        int dropped = count();
        reset(); // asked again before the first replay finished: the definitions are kept
        assertThat(count()).isEqualTo(dropped).isGreaterThanOrEqualTo(7);

        CompletableFuture<Void> one = CompletableFuture.runAsync(new IndexesAfterReplay(jdbc, transactions)::finish);
        CompletableFuture<Void> other = CompletableFuture.runAsync(new IndexesAfterReplay(jdbc, transactions)::finish);
        one.join();
        other.join();

        assertThat(jdbc.queryForList(INDEXES, String.class)).isEqualTo(before);
        assertThat(count()).as("nothing waiting, so the replay is over").isZero();
    }

    @Test
    void anIndexSomeoneBuiltMeanwhileIsLeftAsItIs() {
        List<String> before = jdbc.queryForList(INDEXES, String.class);
        reset();
        jdbc.execute("CREATE INDEX qs_usage_month ON qs_usage (account_id, occurred_at)");

        new IndexesAfterReplay(jdbc, transactions).finish();

        assertThat(jdbc.queryForList(INDEXES, String.class)).isEqualTo(before);
        assertThat(count()).isZero();
    }

    private void reset() {
        new TransactionTemplate(transactions).executeWithoutResult(
                status -> new IndexesAfterReplay(jdbc, transactions).dropUntilReplayed());
    }

    private int count() {
        return jdbc.queryForObject("SELECT count(*) FROM qs_replay_index", Integer.class);
    }
}
