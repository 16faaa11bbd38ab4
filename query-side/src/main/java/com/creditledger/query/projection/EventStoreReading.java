package com.creditledger.query.projection;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the projections read events from ({@code source: projectionSource} in application.yml).
 * The query side reads events another process appends, so nothing wakes it when they arrive: it
 * polls, and Axon's event store polls a caught-up stream only once a second, which was most of the
 * projection lag. This source reads the same store through an event store of its own that polls
 * every {@code ledger.query.poll-interval-ms} (20 ms), so a debit's balance shows within tens of milliseconds.
 * <p>
 * Axon's pooled processor, when caught up, looks at a stream again only every 500 ms unless the
 * stream can call it back when events arrive, and the embedded store's streams cannot: that was
 * most of a {@code waitFor}'s half second on an idle ledger. The streams opened here call the
 * processor back at every poll interval; it looks (a check in memory) and goes back to sleep.
 * <p>
 * The store keeps the last {@code ledger.query.cached-events} (1,000) events it read, so both
 * processors (projections, webhooks) share one read while neither lags further behind; one that
 * does reads on its own until it catches up. Axon's default, 10,000, is five seconds of single
 * debits: each young collection copied them, and promoted them.
 */
@Component("projectionSource")
class EventStoreReading implements StreamableMessageSource<TrackedEventMessage<?>>, DisposableBean {

    private final EmbeddedEventStore store;
    private final long pollIntervalMillis;
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-source-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    EventStoreReading(BatchingEventStorageEngine storageEngine,
                      @Value("${ledger.query.poll-interval-ms:20}") long pollIntervalMillis,
                      @Value("${ledger.query.cached-events:1000}") int cachedEvents) {
        this.store = EmbeddedEventStore.builder().storageEngine(new ReadOneBatchAtATime(storageEngine))
                .fetchDelay(pollIntervalMillis).cachedEvents(cachedEvents).build();
        this.pollIntervalMillis = pollIntervalMillis;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new CallingBack(store.openStream(trackingToken));
    }

    /** A stream of the embedded store that calls its reader back every poll interval once asked to. */
    private final class CallingBack implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile ScheduledFuture<?> ticking;

        CallingBack(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            ticking = callbacks.scheduleWithFixedDelay(callback, pollIntervalMillis, pollIntervalMillis, TimeUnit.MILLISECONDS);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            ScheduledFuture<?> tick = ticking;
            if (tick != null) {
                tick.cancel(false);
            }
            stream.close();
        }
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
        callbacks.shutdownNow();
        store.shutDown();
    }
}
