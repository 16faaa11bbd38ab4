package com.creditledger.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fingerprint of everything the ledger keeps: the event store, hash links, receipts, keys, rate
 * cards, expiry schedule and every projection table, each as its row count and an MD5 over its rows.
 * Equal fingerprints before and after a refused request prove the request changed nothing. Only
 * bookkeeping that moves without any event (the processors' tokens, migration history) is left out.
 */
public final class LedgerState {

    private static final List<String> MOVES_WITHOUT_EVENTS = List.of("tokenentry", "flyway_schema_history",
            "flyway_query_history");

    private LedgerState() {
    }

    public static Map<String, String> of(JdbcTemplate jdbc) {
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", String.class);
        Map<String, String> state = new LinkedHashMap<>();
        for (String table : tables) {
            if (MOVES_WITHOUT_EVENTS.contains(table) || table.startsWith("flyway")) {
                continue;
            }
            state.put(table, jdbc.queryForObject("SELECT count(*) || ':' || COALESCE(md5(string_agg(t::text, '|' "
                    + "ORDER BY t::text)), '') FROM \"" + table + "\" t", String.class));
        }
        return state;
    }
}
