package com.creditledger.query.projection;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the projections read events from ({@code source: projectionSource} in application.yml).
 * The query side reads events another process appends, so nothing wakes it when they arrive: it
 * polls, and Axon's event store polls a caught-up stream only once a second, which was most of the
 * projection lag. This source reads the same store through an event store of its own that polls
 * every {@code ledger.query.poll-interval-ms} (20 ms), so a debit's balance shows within tens of milliseconds.
 */
@Component("projectionSource")
class EventStoreReading implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    private final EmbeddedEventStore store;

    EventStoreReading(EventStorageEngine storageEngine, @Value("${ledger.query.poll-interval-ms:20}") long pollIntervalMillis) {
        this.store = EmbeddedEventStore.builder().storageEngine(storageEngine).fetchDelay(pollIntervalMillis).build();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return store.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    @Override
    public void destroy() {
        store.shutDown();
    }
}
