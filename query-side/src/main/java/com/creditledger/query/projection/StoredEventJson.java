package com.creditledger.query.projection;

import com.creditledger.platform.LedgerSerialization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A stored event's payload, read by position for the history and usage traces: the projections
 * keep no copy of it, so answers show the event exactly as the event store holds it.
 */
public final class StoredEventJson {

    private static final ObjectMapper JSON = LedgerSerialization.eventMapper();

    private StoredEventJson() {
    }

    /** @return the tree of the payload's JSON text ({@code convert_from(payload, 'UTF8')}), or null for SQL NULL */
    public static JsonNode read(String payload) {
        try {
            return payload == null ? null : JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in a stored event", e);
        }
    }
}
