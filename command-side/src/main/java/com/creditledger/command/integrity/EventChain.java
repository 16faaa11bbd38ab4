package com.creditledger.command.integrity;

import com.creditledger.command.CommandSideViews;
import com.creditledger.kernel.HashChain;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Extends each aggregate's hash chain by every event it appends, in the transaction that appends
 * it, hashing the payload exactly as the event store serializes it (same serializer, same bytes).
 */
@Component
@ProcessingGroup(CommandSideViews.GROUP)
class EventChain {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    EventChain(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        String aggregateId = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        String previous = HashChain.GENESIS;
        if (sequence > 0) {
            List<String> found = jdbc.queryForList("SELECT hash FROM event_hash WHERE aggregate_id = ? AND sequence_number = ?",
                    String.class, aggregateId, sequence - 1);
            if (found.isEmpty()) {
                throw new IllegalStateException("hash chain of " + aggregateId + " has no link " + (sequence - 1));
            }
            previous = found.get(0);
        }
        byte[] payload = serializer.serialize(event, byte[].class).getData();
        String payloadType = serializer.typeForClass(event.getClass()).getName();
        jdbc.update("INSERT INTO event_hash (aggregate_id, sequence_number, event_id, hash) VALUES (?, ?, ?, ?)",
                aggregateId, sequence, message.getIdentifier(),
                HashChain.next(previous, aggregateId, sequence, message.getIdentifier(), payloadType, payload));
    }
}
