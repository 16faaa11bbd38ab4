package com.creditledger.query.projection;

import com.creditledger.platform.IsoInstant;
import com.creditledger.platform.LedgerEventStorageEngine;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC engine, reading each row once: its timestamp parsed once ({@link IsoInstant}) and
 * kept as an instant, its position appended to the metadata's bytes. Axon's own row reader parses
 * the timestamp text on every {@code getTimestamp()}, three times per event on the way to a
 * handler, and the position was added by reading the metadata into a tree and writing it again:
 * together a sixth of a replay's CPU on the query side. The tracking token advances exactly as
 * Axon's {@code getTrackedEventData} advances it.
 */
final class PositionReadingEngine extends LedgerEventStorageEngine {

    /** The first global index a store hands out (a PostgreSQL sequence's first value), as Axon assumes. */
    private static final long LOWEST_GLOBAL_INDEX = 1;

    private static final byte[] POSITION_KEY =
            ("\"" + OwnPositionStorage.POSITION + "\":").getBytes(StandardCharsets.US_ASCII);

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final long gapTimeoutMillis;
    private final int maxGaps;

    /** Gives Axon's builder the gap settings too, so Axon's gap cleaning and this reader's tokens agree. */
    PositionReadingEngine(Builder builder, Duration gapTimeout, int maxGaps) {
        super(builder.gapTimeout(Math.toIntExact(gapTimeout.toMillis())).lowestGlobalSequence(LOWEST_GLOBAL_INDEX)
                .maxGapOffset(maxGaps));
        this.gapTimeoutMillis = gapTimeout.toMillis();
        this.maxGaps = maxGaps;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long position = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Instant timestamp = IsoInstant.parse(readTimeStamp(resultSet, schema.timestampColumn()).toString());
        PositionedEvent event = new PositionedEvent(resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier, timestamp,
                new SimpleSerializedType(resultSet.getString(schema.payloadTypeColumn()),
                        resultSet.getString(schema.payloadRevisionColumn())),
                readPayload(resultSet, schema.payloadColumn()),
                withPosition(readPayload(resultSet, schema.metaDataColumn()), position, eventIdentifier));
        return new TrackedDomainEventData<>(nextToken(previousToken, position, timestamp), event);
    }

    /** Axon's rule: an event recorded within the gap timeout may leave gaps below it, an older one none. */
    private GapAwareTrackingToken nextToken(GapAwareTrackingToken previous, long position, Instant recorded) {
        boolean allowGaps = recorded.isAfter(GenericEventMessage.clock.instant().minusMillis(gapTimeoutMillis));
        if (previous != null) {
            return previous.advanceTo(position, allowGaps ? maxGaps : 0);
        }
        return GapAwareTrackingToken.newInstance(position, allowGaps
                ? LongStream.range(Math.min(LOWEST_GLOBAL_INDEX, position), position).boxed()
                        .collect(Collectors.toCollection(TreeSet::new))
                : Collections.emptySortedSet());
    }

    /**
     * The metadata object (none stored reads as an empty one) with {@code "ledger.position":N} as
     * its last member. Should a stored event carry the key already, the position read here still
     * wins: a JSON object's last duplicate is the one Jackson keeps.
     */
    static byte[] withPosition(byte[] metaData, long position, String eventIdentifier) {
        if (metaData == null) {
            return withPosition(EMPTY_OBJECT, position, eventIdentifier);
        }
        int close = lastNonBlank(metaData, metaData.length);
        int open = firstNonBlank(metaData);
        if (close < 0 || metaData[close] != '}' || metaData[open] != '{') {
            throw new IllegalStateException("the metadata of event " + eventIdentifier + " is not a JSON object");
        }
        byte[] number = Long.toString(position).getBytes(StandardCharsets.US_ASCII);
        boolean empty = lastNonBlank(metaData, close) == open;
        ByteArrayOutputStream spliced = new ByteArrayOutputStream(close + POSITION_KEY.length + number.length + 2);
        spliced.write(metaData, 0, close);
        if (!empty) {
            spliced.write(',');
        }
        spliced.writeBytes(POSITION_KEY);
        spliced.writeBytes(number);
        spliced.write('}');
        return spliced.toByteArray();
    }

    private static int firstNonBlank(byte[] json) {
        int i = 0;
        while (i < json.length && isBlank(json[i])) {
            i++;
        }
        return i;
    }

    /** @return the index of the last non-blank byte before {@code end}, or -1 */
    private static int lastNonBlank(byte[] json, int end) {
        int i = end - 1;
        while (i >= 0 && isBlank(json[i])) {
            i--;
        }
        return i;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** A stored event as read, its timestamp parsed once. */
    private record PositionedEvent(String type, String aggregateIdentifier, long sequenceNumber,
                                   String eventIdentifier, Instant timestamp, SerializedType payloadType,
                                   byte[] payload, byte[] metaData) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return type;
        }

        @Override
        public String getAggregateIdentifier() {
            return aggregateIdentifier;
        }

        @Override
        public long getSequenceNumber() {
            return sequenceNumber;
        }

        @Override
        public String getEventIdentifier() {
            return eventIdentifier;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SerializedMetaData<>(metaData, byte[].class);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(payload, byte[].class, payloadType);
        }
    }
}
