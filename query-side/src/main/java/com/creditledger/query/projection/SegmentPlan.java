package com.creditledger.query.projection;

import org.axonframework.eventhandling.Segment;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Which segment to split, and which two to merge, to take a processor's segments (by their ids, as
 * the token table holds them) to a given count. Splits halve the largest segment and merges join two
 * of the smallest halves, so the segments stay as even as the count allows and every merge is one
 * Axon accepts; ties go to the lowest id, so every node picks the same pair.
 */
final class SegmentPlan {

    /** Above any count two cores, or twenty, could use; Axon's token table gives each segment a row. */
    static final int MAX_SEGMENTS = 64;

    private SegmentPlan() {
    }

    /**
     * The segment the next split halves (the largest; its other half is its {@code splitSegmentId}),
     * or empty at {@code target} or above.
     */
    static Optional<Segment> nextSplit(int[] ids, int target) {
        checkCount("a segment count", target);
        if (ids.length >= target) {
            return Optional.empty();
        }
        return Arrays.stream(Segment.computeSegments(ids))
                .min(Comparator.comparingInt(Segment::getMask).thenComparingInt(Segment::getSegmentId));
    }

    /**
     * The two segments the next merge joins, lower id first (the merged segment keeps it), or empty at
     * {@code target} or below.
     */
    static Optional<int[]> nextMerge(int[] ids, int target) {
        checkCount("a segment count", target);
        if (ids.length <= target) {
            return Optional.empty();
        }
        Segment[] segments = Segment.computeSegments(ids);
        return Arrays.stream(segments)
                .sorted(Comparator.comparingInt(Segment::getMask).reversed().thenComparingInt(Segment::getSegmentId))
                .filter(segment -> segment.getSegmentId() < segment.mergeableSegmentId()
                        && IntStream.of(ids).anyMatch(id -> id == segment.mergeableSegmentId())
                        && segment.isMergeableWith(Segment.computeSegment(segment.mergeableSegmentId(), ids)))
                .findFirst()
                .map(segment -> new int[]{segment.getSegmentId(), segment.mergeableSegmentId()});
    }

    /** {@code count}, if it is 1 to {@link #MAX_SEGMENTS}; {@code name} says which count it is otherwise. */
    static int checkCount(String name, int count) {
        if (count < 1 || count > MAX_SEGMENTS) {
            throw new IllegalArgumentException(name + " is 1 to " + MAX_SEGMENTS + ", not " + count);
        }
        return count;
    }
}
