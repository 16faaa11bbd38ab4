package com.creditledger.query.projection;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How far the projections got, for read-your-writes: a query with {@code waitFor=<position>}
 * answers once every segment has processed that global index (SPEC §6), or 504 after a timeout.
 */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final Duration timeout;

    ProjectionProgress(EventProcessingConfiguration processing,
                       @Value("${ledger.query.wait-for-timeout:PT10S}") Duration timeout) {
        this.processing = processing;
        this.timeout = timeout;
    }

    public StreamingEventProcessor processor() {
        return processing.eventProcessor(Projections.GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("processor " + Projections.GROUP + " is not configured"));
    }

    /** The global index up to which every segment has processed every event, or -1 before the first event. */
    public long position() {
        Map<Integer, EventTrackerStatus> status = processor().processingStatus();
        return status.values().stream()
                .mapToLong(segment -> covered(segment.getTrackingToken()))
                .min().orElse(-1);
    }

    /**
     * How far a token covers the store without a hole: below its first gap, if it has one. Two
     * transactions commit in either order, so the projections may read index 160 while 101–150 are
     * still being written; a command that then answers "position 160" must not be told its events
     * are visible until 101–150 are projected too.
     */
    static long covered(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        return WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .map(gapAware -> gapAware.getGaps().isEmpty() ? gapAware.getIndex()
                        : Math.min(gapAware.getIndex(), gapAware.getGaps().first() - 1))
                .orElseGet(() -> token.position().orElse(-1));
    }

    public boolean isReplaying() {
        return processor().isReplaying();
    }

    public void awaitPosition(long position) {
        Instant deadline = Instant.now().plus(timeout);
        while (position() < position) {
            if (Instant.now().isAfter(deadline)) {
                throw new LedgerRejection(RejectionCode.PROJECTION_LAGGING, "waitFor",
                        "projections are at " + position() + ", not yet at " + position);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
