package com.creditledger.command.clock;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A clock moved only through the admin API. Its now is stored, so a restart resumes where a
 * scripted history left off. On an empty ledger it may be set to any instant; once events exist it
 * only moves forward, because expiries already recorded cannot be taken back.
 */
public class ManualClock implements LedgerClock {

    private final JdbcTemplate jdbc;
    private final Instant initial;
    private volatile Instant now;

    public ManualClock(JdbcTemplate jdbc, Instant initial) {
        this.jdbc = jdbc;
        this.initial = initial;
    }

    @Override
    public Instant now() {
        Instant current = now;
        if (current == null) {
            current = load();
        }
        return current;
    }

    public synchronized void set(Instant next) {
        if (next.isBefore(now()) && ledgerHasEvents()) {
            throw new LedgerRejection(RejectionCode.CLOCK_BACKWARDS, "now",
                    "the clock is at " + now() + " and only moves forward once the ledger has events");
        }
        jdbc.update("INSERT INTO ledger_clock (id, now) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET now = excluded.now",
                OffsetDateTime.ofInstant(next, ZoneOffset.UTC));
        now = next;
    }

    private synchronized Instant load() {
        if (now == null) {
            List<OffsetDateTime> stored = jdbc.query("SELECT now FROM ledger_clock WHERE id = 1",
                    (rs, row) -> rs.getObject(1, OffsetDateTime.class));
            now = stored.isEmpty() ? initial : stored.get(0).toInstant();
        }
        return now;
    }

    private boolean ledgerHasEvents() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM domainevententry)", Boolean.class));
    }
}
