package com.creditledger.query.summary;

import com.creditledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static com.creditledger.query.QuerySchema.connect;
import static com.creditledger.query.QuerySchema.migrations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node upgraded while a replay's sums are still to be taken keeps them to be taken: the one mark
 * the old schema held becomes a mark for each table of sums, so neither is left out nor summed twice.
 */
class MonthSumsMarkMigrationTest {

    @Test
    void aReplaysMarkBecomesOneMarkPerTableOfSums() throws SQLException {
        TestDatabase.Database database = TestDatabase.create();
        migrations(database).target("16").load().migrate();
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO qs_month_rebuild (through_position) VALUES (1157714)");
        }

        migrations(database).load().migrate();

        assertThat(marks(database)).containsExactly("qs_credit_month 1157714", "qs_liability_month 1157714");
    }

    @Test
    void noReplayNoMark() throws SQLException {
        TestDatabase.Database database = TestDatabase.create();
        migrations(database).target("16").load().migrate();

        migrations(database).load().migrate();

        assertThat(marks(database)).isEmpty();
    }

    private static List<String> marks(TestDatabase.Database database) throws SQLException {
        List<String> marks = new ArrayList<>();
        try (Connection connection = connect(database); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT sums, through_position FROM qs_month_rebuild ORDER BY sums")) {
            while (rows.next()) {
                marks.add(rows.getString(1) + " " + rows.getLong(2));
            }
        }
        return marks;
    }
}
