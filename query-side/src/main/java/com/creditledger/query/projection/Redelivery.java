package com.creditledger.query.projection;

/**
 * The rule for projection rows: one row per event and key. Events may be delivered again (a token
 * rewound, a segment reclaimed after a crash), and then find their own rows and change nothing;
 * a different event under an existing key fails the batch loudly (SQL function
 * {@code projection_same_event}) instead of being dropped silently.
 */
public final class Redelivery {

    private Redelivery() {
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
