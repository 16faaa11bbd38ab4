package com.creditledger.query.projection;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Predicate;

/**
 * How far the projections got, for read-your-writes: a query with {@code waitFor=<position>}
 * answers once every segment has processed that global index (docs/api.md), or 504 after a timeout.
 */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final Duration timeout;

    ProjectionProgress(EventProcessingConfiguration processing, TokenStore tokens, JdbcTemplate jdbc,
                       @Value("${ledger.query.wait-for-timeout:PT10S}") Duration timeout) {
        this.processing = processing;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.timeout = timeout;
    }

    public StreamingEventProcessor processor() {
        return processing.eventProcessor(Projections.GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("processor " + Projections.GROUP + " is not configured"));
    }

    /** The highest global index every segment has reached, or -1 before the first event or while a segment is unclaimed. */
    public long position() {
        Map<Integer, EventTrackerStatus> status = claimedOrEmpty();
        return status.values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
    }

    /** The store's latest global index, -1 while it is empty. */
    public long head() {
        return jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
    }

    /** Whether every segment has projected every committed event up to {@code position}. */
    boolean hasProjected(long position) {
        Map<Integer, EventTrackerStatus> segments = claimedOrEmpty();
        return !segments.isEmpty() && segments.values().stream()
                .allMatch(segment -> covers(segment.getTrackingToken(), position, this::anyInStore));
    }

    /**
     * The status of every segment, or none while any is unclaimed: when the processor starts, or
     * restarts for a replay, it claims its segments one by one, and a segment not yet claimed may be
     * far behind the others; its events are not projected.
     */
    private Map<Integer, EventTrackerStatus> claimedOrEmpty() {
        Map<Integer, EventTrackerStatus> status = processor().processingStatus();
        boolean allClaimed = Arrays.stream(tokens.fetchSegments(Projections.GROUP)).allMatch(status::containsKey);
        return allClaimed ? status : Map.of();
    }

    /**
     * Two transactions commit in either order, so the projections may have read index 160 while
     * 101–150 were still being written: those are gaps in the token, and a client answered
     * "position 160" must not see its debit missing because it was among them. A gap counts only
     * once its event is in the store: an acknowledged event always is, while one still being
     * written is not the client's, and one rolled back never will be (it must not hold reads back).
     */
    static boolean covers(TrackingToken token, long position, Predicate<Collection<Long>> anyInStore) {
        if (token == null) {
            return false;
        }
        return WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .map(gapAware -> {
                    SortedSet<Long> missing = gapAware.getGaps().headSet(position + 1);
                    return gapAware.getIndex() >= position && (missing.isEmpty() || !anyInStore.test(missing));
                })
                .orElseGet(() -> token.position().orElse(-1) >= position);
    }

    private boolean anyInStore(Collection<Long> positions) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE globalindex = ANY (?))", Boolean.class,
                (Object) positions.toArray(Long[]::new)));
    }

    public boolean isReplaying() {
        return processor().isReplaying();
    }

    public void awaitPosition(long position) {
        Instant deadline = Instant.now().plus(timeout);
        while (!hasProjected(position)) {
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
