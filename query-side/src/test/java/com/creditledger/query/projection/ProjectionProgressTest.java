package com.creditledger.query.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-your-writes: a position counts as projected only when no committed event below it is missing. */
class ProjectionProgressTest {

    private static final Set<Long> WRITTEN_LATE = LongStream.rangeClosed(101, 150).boxed().collect(Collectors.toSet());
    private static final Predicate<Collection<Long>> COMMITTED = positions -> true;
    private static final Predicate<Collection<Long>> NOT_IN_STORE = positions -> false;

    @Test
    void aTokenWithoutGapsCoversEverythingUpToItsIndex() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(160, Set.of());

        assertThat(ProjectionProgress.covers(token, 160, COMMITTED)).isTrue();
        assertThat(ProjectionProgress.covers(token, 161, COMMITTED)).isFalse();
    }

    @Test
    void eventsCommittedBelowTheIndexButNotYetProjectedHoldThePositionBack() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(160, WRITTEN_LATE);

        assertThat(ProjectionProgress.covers(token, 160, COMMITTED)).isFalse();
        assertThat(ProjectionProgress.covers(token, 100, COMMITTED)).isTrue();
    }

    @Test
    void gapsNotInTheStoreAreNoClientsEventsAndDoNotHoldReadsBack() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(160, WRITTEN_LATE);

        assertThat(ProjectionProgress.covers(token, 160, NOT_IN_STORE)).isTrue();
    }

    @Test
    void aReplayIsAsFarAsTheTokenItIsReplayingWith() {
        ReplayToken replaying = (ReplayToken) ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(1_000_000, Set.of()), GapAwareTrackingToken.newInstance(5_000, Set.of()));

        assertThat(ProjectionProgress.covers(replaying, 5_000, COMMITTED)).isTrue();
        assertThat(ProjectionProgress.covers(replaying, 5_001, COMMITTED)).isFalse();
    }

    @Test
    void noTokenYetCoversNothing() {
        assertThat(ProjectionProgress.covers(null, 0, COMMITTED)).isFalse();
        assertThat(ProjectionProgress.covers(new GlobalSequenceTrackingToken(7), 7, COMMITTED)).isTrue();
    }

    @Test
    void aSegmentOfThisNodeIsReplayingUntilItReachesWhereTheStoreStoodAtTheReset() {
        // Axon's status hands out the token without its replay wrapper: the reset position must come from the status
        TrackingToken atReset = GapAwareTrackingToken.newInstance(472_641, Set.of());
        TrackingToken replay = ReplayToken.createReplayToken(atReset, GapAwareTrackingToken.newInstance(13_965, Set.of()));
        TrackerStatus midway = new TrackerStatus(Segment.ROOT_SEGMENT, replay);

        assertThat(ProjectionProgress.shortOfReset((EventTrackerStatus) midway)).isTrue();
        assertThat(ProjectionProgress.shortOfReset(midway.getTrackingToken())).as("the unwrapped token alone").isFalse();
        assertThat(ProjectionProgress.shortOfReset(replay)).as("as stored").isTrue();

        TrackingToken atTheEnd = ((ReplayToken) replay).advancedTo(atReset);
        assertThat(ProjectionProgress.shortOfReset((EventTrackerStatus) new TrackerStatus(Segment.ROOT_SEGMENT, atTheEnd))).isFalse();
        assertThat(ProjectionProgress.shortOfReset(atTheEnd)).isFalse();
        assertThat(ProjectionProgress.shortOfReset((EventTrackerStatus) new TrackerStatus(Segment.ROOT_SEGMENT, atReset))).isFalse();
    }
}
