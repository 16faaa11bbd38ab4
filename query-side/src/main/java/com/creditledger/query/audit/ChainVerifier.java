package com.creditledger.query.audit;

import com.creditledger.kernel.HashChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chains from the stored events and compares them with the stored hashes,
 * streaming the store in aggregate order. Reports the first broken link: an event whose payload,
 * metadata (actor, request), recording time, id, type or position no longer hashes to what was
 * recorded when it was appended, an event
 * without its link, or a gap in an aggregate's sequence.
 */
@Component
public class ChainVerifier {

    private final JdbcTemplate jdbc;

    public ChainVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.jdbc.setFetchSize(1000);
    }

    public record BrokenLink(String aggregateId, long sequenceNumber, long position, String eventId, String reason) {
    }

    public record Verification(boolean intact, long eventsChecked, BrokenLink firstBrokenLink) {
    }

    /** @param aggregateId one account (or rate card), or null for the whole store */
    public Verification verify(String aggregateId) {
        Walk walk = new Walk();
        jdbc.query("""
                SELECT e.aggregateidentifier, e.sequencenumber, e.globalindex, e.eventidentifier, e.timestamp,
                       e.payloadtype, e.payload, e.metadata, h.hash, h.event_id
                FROM domainevententry e
                LEFT JOIN event_hash h ON h.aggregate_id = e.aggregateidentifier AND h.sequence_number = e.sequencenumber
                WHERE CAST(? AS VARCHAR) IS NULL OR e.aggregateidentifier = ?
                ORDER BY e.aggregateidentifier, e.sequencenumber""", rs -> {
            if (walk.broken != null) {
                return;
            }
            walk.check(new HashChain.StoredEvent(rs.getString(1), rs.getLong(2), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getBytes(7), rs.getBytes(8)), rs.getLong(3), rs.getString(9), rs.getString(10));
        }, aggregateId, aggregateId);
        if (walk.broken == null) {
            // A link whose event is gone: an event deleted from the end of a chain.
            walk.broken = jdbc.query("""
                    SELECT h.aggregate_id, h.sequence_number, h.event_id FROM event_hash h
                    LEFT JOIN domainevententry e ON e.aggregateidentifier = h.aggregate_id AND e.sequencenumber = h.sequence_number
                    WHERE e.eventidentifier IS NULL AND (CAST(? AS VARCHAR) IS NULL OR h.aggregate_id = ?)
                    ORDER BY h.aggregate_id, h.sequence_number LIMIT 1""", (rs, row) -> new BrokenLink(rs.getString(1),
                    rs.getLong(2), -1, rs.getString(3), "the event of this link is missing from the store"),
                    aggregateId, aggregateId).stream().findFirst().orElse(null);
        }
        return new Verification(walk.broken == null, walk.checked, walk.broken);
    }

    private static final class Walk {

        private String aggregate;
        private long expectedSequence;
        private String previous;
        private long checked;
        private BrokenLink broken;

        void check(HashChain.StoredEvent event, long position, String storedHash, String linkedEventId) {
            String aggregateId = event.aggregateId();
            long sequence = event.sequence();
            String eventId = event.eventId();
            if (!aggregateId.equals(aggregate)) {
                aggregate = aggregateId;
                expectedSequence = 0;
                previous = HashChain.GENESIS;
            }
            checked++;
            if (sequence != expectedSequence) {
                broken = new BrokenLink(aggregateId, sequence, position, eventId,
                        "sequence " + expectedSequence + " is missing");
            } else if (storedHash == null) {
                broken = new BrokenLink(aggregateId, sequence, position, eventId, "the event has no hash-chain link");
            } else {
                String expected = HashChain.next(previous, event);
                if (!expected.equals(storedHash) || !eventId.equals(linkedEventId)) {
                    broken = new BrokenLink(aggregateId, sequence, position, eventId,
                            "the stored event does not hash to its recorded link: it was altered after it was appended");
                }
                previous = storedHash;
            }
            expectedSequence = sequence + 1;
        }
    }
}
