package com.creditledger.command.http;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The event-store position (global index) a command response carries for read-your-writes
 * (docs/api.md): the position of the aggregate's latest event, read after the command committed. It is
 * never below the position of the command's own last event, so waiting for it is always enough.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The store's latest position: one cheap read (the primary key's last entry) covering many accounts at once. */
    public long latest() {
        Long position = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return position == null ? 0 : position;
    }

    public long latestOf(String aggregateIdentifier) {
        List<Long> position = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber DESC LIMIT 1", Long.class, aggregateIdentifier);
        return position.isEmpty() ? 0 : position.get(0);
    }
}
