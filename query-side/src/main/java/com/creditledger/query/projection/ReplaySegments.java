package com.creditledger.query.projection;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A replay runs on more segments than the projections keep live. Each segment is a thread and a
 * database session of its own, so on two cores two segments replay about 1.4 times as fast as one,
 * while live one segment costs batch ingestion less (docs/benchmarks, thirteenth and fourteenth
 * cuts). The replay's reset splits the segments up to {@code ledger.query.replay-segments}; once
 * every segment has caught up with where the store stood at the reset, they are merged back, one
 * merge at a time, to the processor's {@code initial-segment-count} ({@link SegmentPlan} picks the
 * pairs). A merge is Axon's: the node holding the pair's first segment claims the second and joins
 * their tokens; a node holding only the second lets it go for a while, so that node can claim it.
 * A segment's events are projected idempotently, so what two merged tokens both cover is not
 * written twice.
 */
@Component
class ReplaySegments {

    private static final Logger log = LoggerFactory.getLogger(ReplaySegments.class);

    private final ProjectionProgress progress;
    private final TokenStore tokens;
    private final int replaySegments;
    private final int liveSegments;
    private final Duration mergeInterval;
    private CompletableFuture<Boolean> merging = CompletableFuture.completedFuture(true);

    ReplaySegments(ProjectionProgress progress, TokenStore tokens,
                   @Value("${ledger.query.replay-segments:2}") int replaySegments,
                   @Value("${axon.eventhandling.processors.ledger-projections.initial-segment-count:1}") int liveSegments,
                   @Value("${ledger.query.segment-merge-interval:PT1S}") Duration mergeInterval) {
        this.progress = progress;
        this.tokens = tokens;
        this.replaySegments = SegmentPlan.checkCount("ledger.query.replay-segments", replaySegments);
        this.liveSegments = liveSegments;
        this.mergeInterval = mergeInterval;
    }

    /**
     * Splits the segments up to the replay's count: called by the node resetting the tokens, with
     * its processor down and every segment's claim in its hands. A new segment starts from its
     * half's reset token.
     */
    void splitForReplay() {
        int[] ids = tokens.fetchSegments(Projections.GROUP);
        for (Optional<Segment> split; (split = SegmentPlan.nextSplit(ids, replaySegments)).isPresent(); ) {
            Segment halved = split.get();
            tokens.initializeSegment(tokens.fetchToken(Projections.GROUP, halved.getSegmentId()), Projections.GROUP,
                    halved.splitSegmentId());
            ids = tokens.fetchSegments(Projections.GROUP);
        }
    }

    /** Once the replay has caught up, one merge towards the live count per interval, by whichever node can. */
    @Scheduled(fixedDelayString = "${ledger.query.segment-merge-interval:PT1S}")
    synchronized void mergeOnceCaughtUp() {
        StreamingEventProcessor processor = progress.processor();
        if (!processor.isRunning() || !merging.isDone()) {
            return;
        }
        Optional<int[]> pair = SegmentPlan.nextMerge(tokens.fetchSegments(Projections.GROUP), liveSegments);
        if (pair.isEmpty() || progress.eventsReplaying()) {
            return;
        }
        int first = pair.get()[0];
        int second = pair.get()[1];
        Set<Integer> held = processor.processingStatus().keySet();
        if (held.contains(first)) {
            merging = processor.mergeSegment(first).whenComplete((merged, failure) -> {
                if (Boolean.TRUE.equals(merged)) {
                    log.info("segments {} and {} of the projections merged after a replay", first, second);
                }
            });
        } else if (held.contains(second)) {
            processor.releaseSegment(second, 3 * mergeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
