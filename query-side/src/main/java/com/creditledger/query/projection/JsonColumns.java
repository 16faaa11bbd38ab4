package com.creditledger.query.projection;

import com.creditledger.platform.LedgerSerialization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The projections' {@code jsonb} columns (event details, tokens, pricing, draws): written with the
 * event mapper, so they read exactly like the stored events, and read back as trees for the API.
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = LedgerSerialization.eventMapper();

    private JsonColumns() {
    }

    /** @return the JSON text of {@code value}, or null for null */
    public static String write(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** @return the tree of a column's JSON text, or null for SQL NULL */
    public static JsonNode read(String column) {
        try {
            return column == null ? null : JSON.readTree(column);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in a projection column", e);
        }
    }
}
