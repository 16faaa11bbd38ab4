package com.creditledger.query.projection;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.axonframework.eventhandling.Segment;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replay splits the live segments up to its count and merges them back, each hash in exactly one segment throughout. */
class SegmentPlanTest {

    @Example
    void oneLiveSegmentIsHalvedForAReplayOfTwoAndTheHalvesJoinedAfter() {
        assertThat(SegmentPlan.nextSplit(new int[]{0}, 2)).map(Segment::getSegmentId).contains(0);
        assertThat(SegmentPlan.nextSplit(new int[]{0}, 2)).map(Segment::splitSegmentId).contains(1);
        assertThat(SegmentPlan.nextSplit(new int[]{0, 1}, 2)).isEmpty();
        assertThat(SegmentPlan.nextMerge(new int[]{0, 1}, 1))
                .hasValueSatisfying(pair -> assertThat(pair).containsExactly(0, 1));
        assertThat(SegmentPlan.nextMerge(new int[]{0}, 1)).isEmpty();
    }

    @Example
    void threeSegmentsSplitTheLargestAndMergeTheSmallestPairFirst() {
        // {0, 1, 2}: segment 1 holds half the hashes, 0 and 2 a quarter each
        assertThat(SegmentPlan.nextSplit(new int[]{0, 1, 2}, 4)).map(Segment::getSegmentId).contains(1);
        assertThat(SegmentPlan.nextMerge(new int[]{0, 1, 2}, 2))
                .hasValueSatisfying(pair -> assertThat(pair).containsExactly(0, 2));
    }

    @Example
    void aCountOutsideOneToSixtyFourIsRefused() {
        assertThatThrownBy(() -> SegmentPlan.nextSplit(new int[]{0}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegmentPlan.nextMerge(new int[]{0}, 65)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void splittingUpAndMergingBackKeepsEveryHashInExactlyOneSegment(
            @ForAll @IntRange(min = 1, max = 16) int live, @ForAll @IntRange(min = 1, max = 64) int replay) {
        int[] ids = {0};
        ids = splitTo(ids, live);
        assertThat(ids).hasSize(live);
        ids = splitTo(ids, replay);
        assertThat(ids).hasSize(Math.max(live, replay));
        assertEveryHashInOneSegment(ids);
        assertThat(maxMask(ids) + 1).as("as even as the count allows")
                .isLessThanOrEqualTo(2 * Integer.highestOneBit(ids.length));
        for (Optional<int[]> merge; (merge = SegmentPlan.nextMerge(ids, live)).isPresent(); ) {
            int[] pair = merge.get();
            Segment first = Segment.computeSegment(pair[0], ids);
            assertThat(first.isMergeableWith(Segment.computeSegment(pair[1], ids))).isTrue();
            ids = IntStream.of(ids).filter(id -> id != pair[1]).toArray();
            assertEveryHashInOneSegment(ids);
        }
        assertThat(ids).hasSize(live);
    }

    private static int[] splitTo(int[] ids, int count) {
        for (Optional<Segment> split; (split = SegmentPlan.nextSplit(ids, count)).isPresent(); ) {
            ids = IntStream.concat(IntStream.of(ids), IntStream.of(split.get().splitSegmentId())).sorted().toArray();
        }
        return ids;
    }

    private static void assertEveryHashInOneSegment(int[] ids) {
        Segment[] segments = Segment.computeSegments(ids);
        for (int hash = 0; hash < 4096; hash += 7) {
            int value = hash;
            assertThat(Arrays.stream(segments).filter(segment -> segment.matches(value)).count())
                    .as("hash " + hash).isEqualTo(1);
        }
    }

    private static int maxMask(int[] ids) {
        return Arrays.stream(Segment.computeSegments(ids)).mapToInt(Segment::getMask).max().orElse(0);
    }
}
