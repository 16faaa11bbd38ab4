package com.creditledger.query.projection;

import com.creditledger.platform.LedgerSerialization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A stored event's payload, read by position for the history and usage traces: the projections
 * keep no copy of it, so answers show the event as the event store holds it, except that a
 * fractional number (a unit price, a dimension's credits, as events stored before decimals were
 * written as strings) is answered as its exact decimal string, like every amount the API answers.
 */
public final class StoredEventJson {

    private static final ObjectMapper JSON = LedgerSerialization.eventMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StoredEventJson() {
    }

    /** @return the tree of the payload's JSON text ({@code convert_from(payload, 'UTF8')}), or null for SQL NULL */
    public static JsonNode read(String payload) {
        try {
            return payload == null ? null : decimalsAsText(JSON.readTree(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in a stored event", e);
        }
    }

    private static JsonNode decimalsAsText(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> field.setValue(decimalsAsText(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, decimalsAsText(array.get(i)));
            }
        } else if (node instanceof DecimalNode decimal) {
            return TextNode.valueOf(decimal.decimalValue().toPlainString());
        }
        return node;
    }
}
