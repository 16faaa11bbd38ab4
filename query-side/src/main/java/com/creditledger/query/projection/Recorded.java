package com.creditledger.query.projection;

import com.creditledger.kernel.Metadata;
import com.creditledger.platform.IsoInstant;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;

/**
 * Where, when and by whom an event was recorded: its id, its own global index in the store (never
 * the tracking token's, see {@link OwnPositionStorage}), its recording time on the ledger clock and
 * the actor (API key id, or "system") from its metadata.
 */
public record Recorded(String eventId, long globalIndex, Instant recordedAt, String actor) {

    /**
     * The last event read on this thread: an event's handlers (history, balance, usage, journal)
     * run one after another on one thread and each asks, so its metadata is read once, not four times.
     */
    private static final ThreadLocal<Recorded> LAST = new ThreadLocal<>();

    public static Recorded of(EventMessage<?> message) {
        Recorded last = LAST.get();
        if (last != null && last.eventId().equals(message.getIdentifier())) {
            return last;
        }
        Recorded read = read(message);
        LAST.set(read);
        return read;
    }

    private static Recorded read(EventMessage<?> message) {
        Object position = message.getMetaData().get(OwnPositionStorage.POSITION);
        if (!(position instanceof Number number)) {
            throw new IllegalStateException("event " + message.getIdentifier() + " was not read with its position");
        }
        Object actor = message.getMetaData().get(Metadata.ACTOR);
        Object recordedAt = message.getMetaData().get(Metadata.RECORDED_AT);
        return new Recorded(message.getIdentifier(), number.longValue(),
                recordedAt == null ? message.getTimestamp() : IsoInstant.parse(recordedAt.toString()),
                actor == null ? null : actor.toString());
    }
}
