package com.creditledger.query.projection;

import java.util.Collections;

/**
 * The rule for projection rows: one row per event and key. Events may be delivered again (a token
 * rewound, a segment reclaimed after a crash), and then find their own rows and change nothing;
 * a different event under an existing key fails the batch loudly (SQL function
 * {@code projection_same_event}) instead of being dropped silently.
 * <p>
 * Checking every row for one already in place costs PostgreSQL a third more per row, for a case that
 * almost never happens, so a batch is first copied in as it is; should any row be there, the copy is
 * taken back and the batch is written again under the rule ({@link PendingWrites}).
 */
public final class Redelivery {

    private Redelivery() {
    }

    /**
     * Rows of {@code columns} (comma-separated, in the order their values are given) into {@code table},
     * keyed by {@code key}, written once per event, where {@code identity} is the column that tells
     * which event wrote the row.
     */
    public static PendingWrites.Statement rowPerEvent(int order, String table, String columns, String key, String identity) {
        String placeholders = String.join(", ", Collections.nCopies(columns.split(",").length, "?"));
        return new PendingWrites.Statement(order,
                "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")" + sameEventOnly(table, key, identity),
                "COPY " + table + " (" + columns + ") FROM STDIN");
    }

    /**
     * The {@code ON CONFLICT} clause of an insert into {@code table} keyed by {@code key}, where
     * {@code identity} is the column that tells which event wrote the row.
     */
    public static String sameEventOnly(String table, String key, String identity) {
        return " ON CONFLICT (" + key + ") DO UPDATE SET " + identity + " = projection_same_event('" + table + "', "
                + table + "." + identity + ", excluded." + identity + ")";
    }
}
