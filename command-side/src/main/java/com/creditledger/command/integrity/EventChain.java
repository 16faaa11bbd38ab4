package com.creditledger.command.integrity;

import com.creditledger.kernel.HashChain;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends each aggregate's hash chain by every event it appends, in the transaction that appends
 * it, hashing payload and metadata exactly as the event store serializes them (same serializer,
 * same bytes) and the recording time exactly as it stores it.
 * It subscribes to the event store itself, not through an event processor: the store hands it a
 * transaction's events right after appending them, so their links go in as one batch, without the
 * processor's unit of work, interceptors and monitors per event, which a profile put at three times
 * the hashing (docs/benchmarks, ninth cut).
 * The last link of recently active aggregates is remembered, so a hot account's next event needs no
 * lookup; a link is trusted only for the exact previous sequence number and forgotten if its
 * transaction rolls back.
 */
@Component
class EventChain implements SmartInitializingSingleton, DisposableBean {

    private record Link(long sequence, String hash) {
    }

    private record NewLink(String aggregateId, long sequence, String eventId, String hash) {
    }

    private static final int REMEMBERED = 100_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventStore events;
    private final Map<String, Link> lastLinks = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > REMEMBERED;
        }
    });
    private Registration subscription;

    EventChain(JdbcTemplate jdbc, Serializer serializer, EventStore events) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.events = events;
    }

    @Override
    public void afterSingletonsInstantiated() {
        subscription = events.subscribe(this::link);
    }

    @Override
    public void destroy() {
        subscription.cancel();
    }

    /** Called in the appending unit of work as it prepares to commit, with the events just appended. */
    private void link(List<? extends EventMessage<?>> appended) {
        List<NewLink> links = new ArrayList<>(appended.size());
        for (EventMessage<?> event : appended) {
            if (event instanceof DomainEventMessage<?> message) {
                links.add(link(message));
            }
        }
        if (links.isEmpty()) {
            return;
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(rolledBack ->
                links.forEach(link -> lastLinks.remove(link.aggregateId()))));
        insert(links);
    }

    private NewLink link(DomainEventMessage<?> message) {
        String aggregateId = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        String previous = previousLink(aggregateId, sequence);
        // the message keeps the forms the event store serialized it to: hash exactly those bytes, once
        SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
        byte[] metadata = message.serializeMetaData(serializer, byte[].class).getData();
        String hash = HashChain.next(previous, new HashChain.StoredEvent(aggregateId, sequence, message.getIdentifier(),
                DateTimeUtils.formatInstant(message.getTimestamp()), payload.getType().getName(), payload.getData(),
                metadata));
        lastLinks.put(aggregateId, new Link(sequence, hash));
        return new NewLink(aggregateId, sequence, message.getIdentifier(), hash);
    }

    private void insert(List<NewLink> links) {
        jdbc.batchUpdate("INSERT INTO event_hash (aggregate_id, sequence_number, event_id, hash) VALUES (?, ?, ?, ?)",
                links, links.size(), (ps, link) -> {
                    ps.setString(1, link.aggregateId());
                    ps.setLong(2, link.sequence());
                    ps.setString(3, link.eventId());
                    ps.setString(4, link.hash());
                });
    }

    private String previousLink(String aggregateId, long sequence) {
        if (sequence == 0) {
            return HashChain.GENESIS;
        }
        Link remembered = lastLinks.get(aggregateId);
        if (remembered != null && remembered.sequence() == sequence - 1) {
            return remembered.hash();
        }
        List<String> found = jdbc.queryForList("SELECT hash FROM event_hash WHERE aggregate_id = ? AND sequence_number = ?",
                String.class, aggregateId, sequence - 1);
        if (found.isEmpty()) {
            throw new IllegalStateException("hash chain of " + aggregateId + " has no link " + (sequence - 1));
        }
        return found.get(0);
    }
}
