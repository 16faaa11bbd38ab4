package com.creditledger.query.projection;

import com.creditledger.testsupport.TestDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared reader of the query side reads the store one batch per read, so it never holds more
 * than a batch of events it has already handed on; a stream catching up on its own reads on to the end.
 */
class ReadOneBatchAtATimeTest {

    @Test
    void aReadThatMayBlockEndsAfterOneBatchAndTheNextGoesOnFromItsLastEvent() {
        ReadOneBatchAtATime reading = new ReadOneBatchAtATime(storeHolding(250));

        List<? extends TrackedEventMessage<?>> first = reading.readEvents(null, true).toList();
        List<? extends TrackedEventMessage<?>> second = reading.readEvents(lastToken(first), true).toList();
        List<? extends TrackedEventMessage<?>> third = reading.readEvents(lastToken(second), true).toList();

        assertThat(first).hasSize(100);
        assertThat(second).hasSize(100);
        assertThat(third).hasSize(50);
        assertThat(reading.readEvents(lastToken(third), true).toList()).isEmpty();
        assertThat(third.get(49).getPayload()).isEqualTo("debit 249");
    }

    @Test
    void aReadThatDoesNotBlockReadsToTheEnd() {
        ReadOneBatchAtATime reading = new ReadOneBatchAtATime(storeHolding(250));

        assertThat(reading.readEvents(null, false).count()).isEqualTo(250);
    }

    private static TrackingToken lastToken(List<? extends TrackedEventMessage<?>> events) {
        return events.get(events.size() - 1).trackingToken();
    }

    /** Axon's JDBC store on a new PostgreSQL database, 100 events per batch, holding {@code events} of one account. */
    private static JdbcEventStorageEngine storeHolding(int events) {
        TestDatabase.Database database = TestDatabase.create();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/event-store").load().migrate();
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> DriverManager.getConnection(database.url(), database.user(), database.password()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(json).snapshotSerializer(json)
                .batchSize(100)
                .build();
        engine.appendEvents(LongStream.range(0, events)
                .mapToObj(n -> new GenericDomainEventMessage<>("Account", "acct-1", n, "debit " + n))
                .toList());
        return engine;
    }
}
