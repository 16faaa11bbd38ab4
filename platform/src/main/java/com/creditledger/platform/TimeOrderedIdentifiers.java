package com.creditledger.platform;

import com.creditledger.kernel.TimeOrderedId;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers of messages (events above all) as {@link TimeOrderedId}s, found by Axon through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}. Axon's default draws random
 * UUIDs, which scatter each event's insert across the event store's unique index of identifiers.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return TimeOrderedId.next();
    }
}
