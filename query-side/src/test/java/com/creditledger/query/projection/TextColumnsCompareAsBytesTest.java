package com.creditledger.query.projection;

import com.creditledger.query.QuerySchema;
import com.creditledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text column of the projections compares as bytes: PostgreSQL refuses to compare two
 * columns of different collations, so a column a later migration adds without {@code COLLATE "C"}
 * would fail the first join with the others, and would sort by the server's locale.
 */
class TextColumnsCompareAsBytesTest {

    @Test
    void everyTextColumnOfTheProjectionsIsCollatedC() throws SQLException {
        TestDatabase.Database database = TestDatabase.create();
        QuerySchema.migrations(database).load().migrate();

        List<String> textColumns = new ArrayList<>();
        List<String> otherwise = new ArrayList<>();
        try (Connection connection = QuerySchema.connect(database);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT table_name || '.' || column_name, collation_name "
                     + "FROM information_schema.columns WHERE table_schema = current_schema() "
                     + "AND table_name LIKE 'qs\\_%' AND data_type IN ('character varying', 'character', 'text')")) {
            while (rows.next()) {
                textColumns.add(rows.getString(1));
                if (!"C".equals(rows.getString(2))) {
                    otherwise.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        assertThat(textColumns).contains("qs_usage.account_id", "qs_usage.idempotency_key", "qs_journal_line.lot_id");
        assertThat(otherwise).isEmpty();
    }
}
