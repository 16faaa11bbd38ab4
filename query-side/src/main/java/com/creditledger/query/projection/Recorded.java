package com.creditledger.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;

/** Where and when an event was recorded: its id, its global index in the store, its recording time. */
public record Recorded(String eventId, long globalIndex, Instant recordedAt) {

    public static Recorded of(EventMessage<?> message, TrackingToken token) {
        return new Recorded(message.getIdentifier(), token.position().orElseThrow(), message.getTimestamp());
    }
}
