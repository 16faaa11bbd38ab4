package com.creditledger.command.integrity;

import com.creditledger.command.CommandSideViews;
import com.creditledger.kernel.HashChain;
import com.creditledger.platform.BeforeCommit;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
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
 * The last link of recently active aggregates is remembered, so a hot account's next event needs no
 * lookup; a link is trusted only for the exact previous sequence number and forgotten if its
 * transaction rolls back.
 */
@Component
@ProcessingGroup(CommandSideViews.GROUP)
class EventChain {

    private record Link(long sequence, String hash) {
    }

    private record NewLink(String aggregateId, long sequence, String eventId, String hash) {
    }

    private static final int REMEMBERED = 100_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Map<String, Link> lastLinks = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > REMEMBERED;
        }
    });

    EventChain(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
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
        // subscribing handlers run in the unit of work of the events' transaction
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.onRollback(rolledBack -> lastLinks.remove(aggregateId));
        // the links of all events appended together go in as one batch
        BeforeCommit.collection(unitOfWork, NewLink.class, ArrayList<NewLink>::new, this::insert)
                .add(new NewLink(aggregateId, sequence, message.getIdentifier(), hash));
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
