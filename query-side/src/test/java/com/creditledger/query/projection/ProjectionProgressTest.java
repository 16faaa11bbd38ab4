package com.creditledger.query.projection;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-your-writes: a position counts as projected only when nothing below it is still missing. */
class ProjectionProgressTest {

    @Test
    void aTokenWithoutGapsCoversItsIndex() {
        assertThat(ProjectionProgress.covered(GapAwareTrackingToken.newInstance(160, Set.of()))).isEqualTo(160);
    }

    @Test
    void eventsStillBeingWrittenBelowTheIndexHoldThePositionBackToJustBeforeThem() {
        Set<Long> inFlight = LongStream.rangeClosed(101, 150).boxed().collect(Collectors.toSet());

        assertThat(ProjectionProgress.covered(GapAwareTrackingToken.newInstance(160, inFlight))).isEqualTo(100);
    }

    @Test
    void aReplayIsAsFarAsTheTokenItIsReplayingWith() {
        GapAwareTrackingToken replayed = GapAwareTrackingToken.newInstance(5_000, Set.of(4_990L));
        ReplayToken replaying = (ReplayToken) ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(1_000_000, Set.of()), replayed);

        assertThat(ProjectionProgress.covered(replaying)).isEqualTo(4_989);
    }

    @Test
    void noTokenYetIsBeforeTheFirstEvent() {
        assertThat(ProjectionProgress.covered(null)).isEqualTo(-1);
        assertThat(ProjectionProgress.covered(new GlobalSequenceTrackingToken(7))).isEqualTo(7);
    }
}
