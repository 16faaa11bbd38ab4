package com.creditledger.query;

import com.creditledger.testsupport.LedgerClient;
import com.creditledger.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pre-expiry notices with two command-side nodes on one database: both nodes' expiry schedules see
 * the same due notices at the same instant, and the second node holds the accounts in its cache as
 * they were before the first recorded the notices. Each notice is still recorded exactly once: the
 * account remembers its notices, and the event store refuses a second event at the same sequence
 * from a stale copy, which the node then reloads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoCommandNodesNoticeTest {

    private static final int ACCOUNTS = 20;
    /** Small pools: the suite's other contexts still hold theirs on the same server. */
    private static final String[] NODE = {"--ledger.clock.mode=manual", "--spring.datasource.hikari.maximum-pool-size=6"};

    private TestDatabase.Database database;
    private JdbcTemplate jdbc;
    private LedgerProcess first;
    private LedgerProcess second;

    @BeforeAll
    void start() {
        database = TestDatabase.create();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        first = LedgerProcess.commandSide(database.url(), database.user(), database.password(), NODE);
        second = LedgerProcess.commandSide(database.url(), database.user(), database.password(), NODE);
    }

    @AfterAll
    void stop() {
        for (LedgerProcess node : new LedgerProcess[]{second, first}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void eachNoticeIsRecordedOnceWhenBothNodesReachItsInstant() throws Exception {
        LedgerClient a = first.client();
        LedgerClient b = second.client();
        assertThat(a.setClock("2025-01-01T10:00:00Z").status()).isEqualTo(200);
        assertThat(b.setClock("2025-01-01T10:00:00Z").status()).isEqualTo(200);
        for (int account = 0; account < ACCOUNTS; account++) {
            assertThat(a.openAccount("two-" + account).status()).isEqualTo(201);
            assertThat(a.topUp("two-" + account, "t1", "999.00").status()).isEqualTo(201);
            // the second node now holds every account in its cache
            assertThat(b.debit("two-" + account, "k1", "1.00").status()).isEqualTo(201);
        }
        // the $999 pack expires 2026-01-01T10:00Z: 60, 7 and 1 days before, both nodes at once
        for (String instant : List.of("2025-11-02T10:00:00Z", "2025-12-25T10:00:00Z", "2025-12-31T10:00:00Z")) {
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> onA = both.submit(() -> a.setClock(instant).status());
                Future<Integer> onB = both.submit(() -> b.setClock(instant).status());
                assertThat(onA.get()).isEqualTo(200);
                assertThat(onB.get()).isEqualTo(200);
            } finally {
                both.shutdown();
            }
        }
        Thread.sleep(2_500); // a poll of each node's schedule after the last move, retrying what conflicted

        List<Map<String, Object>> notices = jdbc.queryForList("SELECT aggregateidentifier AS account, "
                + "convert_from(payload, 'UTF8')::jsonb ->> 'daysBefore' AS days, count(*) AS times FROM domainevententry "
                + "WHERE payloadtype LIKE '%LotExpiring' GROUP BY 1, 2");
        assertThat(notices).hasSize(ACCOUNTS * 3);
        assertThat(notices).allSatisfy(notice -> assertThat(((Number) notice.get("times")).intValue()).isEqualTo(1));
        // and each node's view of an account is whole again: a debit on either is accepted
        assertThat(a.debit("two-0", "k2", "1.00").status()).isEqualTo(201);
        assertThat(b.debit("two-0", "k3", "1.00").status()).isEqualTo(201);
    }
}
