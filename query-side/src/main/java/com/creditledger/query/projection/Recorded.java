package com.creditledger.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;

/**
 * Where, when and by whom an event was recorded: its id, its global index in the store, its
 * recording time and the actor (API key id, or "system") from its metadata.
 */
public record Recorded(String eventId, long globalIndex, Instant recordedAt, String actor) {

    public static Recorded of(EventMessage<?> message, TrackingToken token) {
        Object actor = message.getMetaData().get("actor");
        return new Recorded(message.getIdentifier(), token.position().orElseThrow(), message.getTimestamp(),
                actor == null ? null : actor.toString());
    }
}
