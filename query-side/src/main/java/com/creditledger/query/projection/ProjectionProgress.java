package com.creditledger.query.projection;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How far the projections got, for read-your-writes: a query with {@code waitFor=<position>}
 * answers once every segment has processed that global index (docs/api.md), or 504 after a timeout.
 * Read from the shared token store, not from this node's processor: with several query-side nodes,
 * each holds some segments (or none), and any node must answer for all of them. A segment whose
 * node died keeps its last stored token until another node claims it and moves on.
 */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final Serializer serializer;
    private final JdbcTemplate jdbc;
    private final Duration timeout;
    /** Whether any {@link AfterReplay} step has work left, in one round trip; null without steps. */
    private final String anyWorkAfterReplay;

    ProjectionProgress(EventProcessingConfiguration processing, Serializer serializer, JdbcTemplate jdbc,
                       @Value("${ledger.query.wait-for-timeout:PT10S}") Duration timeout,
                       List<AfterReplay> afterReplay) {
        this.processing = processing;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.timeout = timeout;
        this.anyWorkAfterReplay = afterReplay.isEmpty() ? null : afterReplay.stream()
                .map(step -> "EXISTS (SELECT 1 FROM " + step.pendingWork() + ")")
                .collect(Collectors.joining(" OR ", "SELECT ", ""));
    }

    /** This node's processor of the projections. */
    public StreamingEventProcessor processor() {
        return processing.eventProcessor(Projections.GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("processor " + Projections.GROUP + " is not configured"));
    }

    /** The highest global index every segment has reached, or -1 before the first event or without segments. */
    public long position() {
        return segmentTokens().stream()
                .mapToLong(token -> token == null ? -1 : token.position().orElse(-1))
                .min().orElse(-1);
    }

    /** The store's latest global index, -1 while it is empty. */
    public long head() {
        return jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
    }

    /**
     * Whether every segment has projected every committed event up to {@code position}, and no work a
     * replay left for after its events is still to be done.
     */
    boolean hasProjected(long position) {
        List<TrackingToken> segments = segmentTokens();
        return !segments.isEmpty() && segments.stream().allMatch(token -> covers(token, position, this::anyInStore))
                && !finishingReplay();
    }

    /** Whether a replay is still under way: its events, or the work it leaves for after them. */
    public boolean isReplaying() {
        return eventsReplaying() || finishingReplay();
    }

    /** Whether any work a replay left for after its events is still to be done. */
    boolean finishingReplay() {
        return anyWorkAfterReplay != null
                && Boolean.TRUE.equals(jdbc.queryForObject(anyWorkAfterReplay, Boolean.class));
    }

    /**
     * Whether any segment is still short of where the store stood when a replay began. (A stored
     * replay token says less: it stays a replay token until an event after that point arrives, and
     * Axon's own flag is not stored with it.) This node's own segments are judged by their status,
     * whose token Axon hands out without its replay wrapper but with the reset position.
     */
    boolean eventsReplaying() {
        return segments((local, stored) -> local != null ? shortOfReset(local) : shortOfReset(stored)).contains(true);
    }

    static boolean shortOfReset(EventTrackerStatus local) {
        OptionalLong reset = local.getResetPosition();
        return reset.isPresent() && local.getCurrentPosition().orElse(-1) < reset.getAsLong();
    }

    static boolean shortOfReset(TrackingToken stored) {
        return WrappedToken.unwrap(stored, ReplayToken.class)
                .map(replay -> replay.getCurrentToken() == null
                        || !replay.getCurrentToken().covers(WrappedToken.unwrapUpperBound(replay.getTokenAtReset())))
                .orElse(false);
    }

    /**
     * Every segment's token: this node's own segments as it holds them in memory (a segment that no
     * event of the last batch belonged to stores its token only now and then), the others as last
     * stored by whichever node holds them; null for a segment not yet started.
     */
    private List<TrackingToken> segmentTokens() {
        return segments((local, stored) -> local != null ? local.getTrackingToken() : stored);
    }

    /**
     * Something of every segment in the token table, from this node's status of it (null unless this
     * node holds it with a token) and its stored token (null before its first).
     */
    private <T> List<T> segments(BiFunction<EventTrackerStatus, TrackingToken, T> of) {
        Map<Integer, EventTrackerStatus> here = processor().processingStatus();
        return jdbc.query("SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ? ORDER BY segment",
                (rs, row) -> {
                    EventTrackerStatus local = here.get(rs.getInt(1));
                    return of.apply(local != null && local.getTrackingToken() != null ? local : null,
                            rs.getBytes(2) == null ? null : serializer.<byte[], TrackingToken>deserialize(
                                    new SimpleSerializedObject<>(rs.getBytes(2), byte[].class, rs.getString(3), null)));
                }, Projections.GROUP);
    }

    /**
     * A segment that no event of a batch belongs to still moves on; Axon stores its token, and
     * extends its claim, only every five seconds, which is as late as another node's {@code waitFor}
     * would learn of it (and longer than a short claim timeout). Every processor's idle segments do
     * so every {@code ledger.query.idle-token-store-interval} instead.
     */
    @Bean
    static PooledStreamingProcessorConfiguration idleSegmentsStoreTheirTokens(
            @Value("${ledger.query.idle-token-store-interval:PT0.2S}") Duration interval) {
        return (config, builder) -> builder.claimExtensionThreshold(interval.toMillis());
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
