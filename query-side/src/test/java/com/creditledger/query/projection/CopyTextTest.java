package com.creditledger.query.projection;

import com.creditledger.testsupport.TestDatabase;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Projection rows copied into real PostgreSQL come back exactly as written, whatever their text holds. */
class CopyTextTest {

    @Test
    void rowsComeBackAsWritten() throws Exception {
        TestDatabase.Database database = TestDatabase.create();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            // a session far from UTC: an instant must not be read as local time
            statement.execute("SET TIME ZONE 'America/New_York'");
            statement.execute("CREATE TABLE copied (n INT, text VARCHAR, amount NUMERIC(30, 10), at TIMESTAMPTZ, "
                    + "month DATE, yes BOOLEAN, position BIGINT, lines JSONB)");
            List<Object[]> rows = List.of(
                    new Object[]{1, "tab\there, line\nbreak, return\r, back\\slash, \\N and naïve €", new BigDecimal("1058.9400000000"),
                            OffsetDateTime.of(2026, 1, 31, 23, 59, 59, 123_456_000, ZoneOffset.UTC), LocalDate.of(2026, 2, 1),
                            true, 9_007_199_254_740_993L, "{\"model\": \"gpt\\\\4\\t\"}"},
                    new Object[]{2, "", new BigDecimal("0.0000000001"), OffsetDateTime.of(2025, 12, 31, 19, 0, 0, 0,
                            ZoneOffset.ofHours(-5)), null, false, null, null},
                    new Object[]{3, null, new BigDecimal("1E+3"), Instant.parse("2026-03-01T00:00:00Z"), null, null, 0L, null});

            long copied = CopyText.copyIn(connection, "COPY copied (n, text, amount, at, month, yes, position, lines) FROM STDIN",
                    rows);

            assertThat(copied).isEqualTo(3);
            List<List<Object>> read = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT text, amount, at, month, yes, position, lines::text "
                    + "FROM copied ORDER BY n")) {
                while (rs.next()) {
                    read.add(Arrays.asList(rs.getString(1), rs.getBigDecimal(2), rs.getObject(3, OffsetDateTime.class),
                            rs.getObject(4, LocalDate.class), rs.getObject(5), rs.getObject(6), rs.getString(7)));
                }
            }
            assertThat(read.get(0)).containsExactly("tab\there, line\nbreak, return\r, back\\slash, \\N and naïve €",
                    new BigDecimal("1058.9400000000"), OffsetDateTime.parse("2026-01-31T23:59:59.123456Z"),
                    LocalDate.of(2026, 2, 1), true, 9_007_199_254_740_993L, "{\"model\": \"gpt\\\\4\\t\"}");
            assertThat(read.get(1)).containsExactly("", new BigDecimal("0.0000000001"),
                    OffsetDateTime.parse("2026-01-01T00:00:00Z"), null, false, null, null);
            assertThat(read.get(2)).containsExactly(null, new BigDecimal("1000.0000000000"),
                    OffsetDateTime.parse("2026-03-01T00:00:00Z"), null, null, 0L, null);
        }
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNotGuessed() {
        assertThatThrownBy(() -> CopyText.of(List.<Object[]>of(new Object[]{1.5d})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }

    @Property(tries = 3000)
    void anAmountIsWrittenAsItsPlainString(@ForAll long unscaled, @ForAll @IntRange(min = -3, max = 22) int scale) {
        BigDecimal amount = BigDecimal.valueOf(unscaled, scale);
        StringBuilder text = new StringBuilder();
        CopyText.plain(text, amount);
        assertThat(text.toString()).isEqualTo(amount.toPlainString());
    }

    @Example
    void amountsAtTheEdgesOfALong() {
        for (String amount : List.of("0.00", "-0.5", "0.0000000001", "999999999999999999.9", "99999999999999999.9",
                "-99999999999999999.9", "1058.9400000000", "1E+3", "5.000000000000000000", "0.000000000000000001")) {
            StringBuilder text = new StringBuilder();
            CopyText.plain(text, new BigDecimal(amount));
            assertThat(text.toString()).as(amount).isEqualTo(new BigDecimal(amount).toPlainString());
        }
    }
}
