package com.creditledger.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads what the ledger stored, straight from PostgreSQL: the test's independent witness. */
public final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Event(long globalIndex, String type, JsonNode payload) {
    }

    public List<Event> of(String aggregateId) {
        return jdbc.query("SELECT globalindex, payloadtype, convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (rs, row) -> new Event(rs.getLong(1), simpleName(rs.getString(2)), parse(rs.getString(3))), aggregateId);
    }

    public List<JsonNode> of(String aggregateId, String type) {
        return of(aggregateId).stream().filter(event -> event.type().equals(type)).map(Event::payload).toList();
    }

    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    public long count(String aggregateId, String type) {
        return of(aggregateId, type).size();
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
