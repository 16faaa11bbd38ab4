package com.creditledger.command.idempotency;

import com.creditledger.command.storage.SchemaOnNewDatabase;
import com.creditledger.kernel.usage.IssuedReceipt;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every group commit looks its keys up in {@code usage_receipt}, so that lookup must read the keys
 * asked for however large the table grows. A connection keeps the plan it made for the statement
 * while the table was new, and no ANALYZE need ever run (autovacuum may be off or behind): a plan
 * that scanned the table then was still scanning 80,000 receipts per group under load.
 */
class ReceiptLookupIntegrationTest {

    @Test
    void aLookupReadsOnlyTheKeysItAsksForEvenWithAPlanMadeWhenTheTableWasEmpty() throws SQLException {
        try (Connection connection = SchemaOnNewDatabase.connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            JdbcUsageReceipts receipts = new JdbcUsageReceipts(jdbc);
            for (int i = 0; i < 10; i++) { // past the driver's and the server's thresholds for a kept plan
                assertThat(lookUp(receipts, Map.of("acct-7", List.of("warm-" + i)))).isEmpty();
                connection.commit();
            }
            jdbc.update("INSERT INTO usage_receipt (account_id, idempotency_key, request_digest, receipt) "
                    + "SELECT 'acct-' || (i % 500), 'call-' || i, 'digest-' || i, '{}'::jsonb FROM generate_series(1, 20000) AS i");
            connection.commit();
            long readBefore = SchemaOnNewDatabase.rowsRead(connection, "usage_receipt");

            Map<String, IssuedReceipt> found = lookUp(receipts,
                    Map.of("acct-7", List.of("call-7", "call-8", "call-507"), "acct-8", List.of("call-8")));

            assertThat(found).containsOnlyKeys("call-7", "call-507"); // acct-7's own; call-8 is acct-8's
            assertThat(found.get("call-507").requestDigest()).isEqualTo("digest-507");
            assertThat(SchemaOnNewDatabase.rowsRead(connection, "usage_receipt") - readBefore).isLessThanOrEqualTo(4);
            connection.rollback();
        }
    }

    /** Prefetches in a unit of work, as a group commit does, and returns what acct-7's find then sees. */
    private static Map<String, IssuedReceipt> lookUp(JdbcUsageReceipts receipts, Map<String, List<String>> keys) {
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("lookup"));
        try {
            receipts.prefetch(keys);
            return receipts.find("acct-7", keys.get("acct-7"));
        } finally {
            group.rollback();
        }
    }
}
