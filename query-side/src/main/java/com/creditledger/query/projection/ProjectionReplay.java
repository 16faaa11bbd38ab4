package com.creditledger.query.projection;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.platform.cluster.NodeLock;
import com.creditledger.platform.cluster.NodeLocks;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A replay of the projections asked of any one query-side node, carried out by all of them: the
 * asking node records a new replay in phase {@code stopping}; every node, watching that row, shuts
 * its processor down, releasing its segments; once no live node holds a segment (a dead node's
 * claims run out after {@code axon.eventhandling.tokenstore.claim-timeout}), the asking node resets
 * the tokens and so empties the tables, once (dropping the indexes built after the replay,
 * {@link IndexesAfterReplay}, in the same transaction), splits the segments for the replay
 * ({@link ReplaySegments}), releases them and sets {@code running}; every
 * node then starts its processor and claims what it can. One replay at a time
 * ({@link NodeLock#PROJECTION_REPLAY}, held by the asking node throughout): should that node die
 * midway, its lock goes with its connection, and the first node to notice sets {@code running}
 * again (the reset is one transaction: it happened whole or not at all).
 */
@Component
class ProjectionReplay {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);

    private final ProjectionProgress progress;
    private final ReplaySegments segments;
    private final IndexesAfterReplay indexes;
    private final TransactionTemplate transaction;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final NodeLocks locks;
    private final Duration claimTimeout;
    private final Duration stopTimeout;
    /** Whether this node's processor is down because a replay asked it to be. */
    private volatile boolean stoppedForReplay;

    ProjectionReplay(ProjectionProgress progress, ReplaySegments segments, IndexesAfterReplay indexes,
                     TokenStore tokens, JdbcTemplate jdbc, NodeLocks locks, PlatformTransactionManager transactions,
                     @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                     @Value("${ledger.query.replay-stop-timeout:PT60S}") Duration stopTimeout) {
        this.progress = progress;
        this.segments = segments;
        this.indexes = indexes;
        this.transaction = new TransactionTemplate(transactions);
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.locks = locks;
        this.claimTimeout = claimTimeout;
        this.stopTimeout = stopTimeout;
    }

    /** Replays every projection from the first event, on every node; returns once the tokens are reset. */
    void replayEverywhere() {
        locks.holding(NodeLock.PROJECTION_REPLAY, () -> {
            beginStopping();
            stopHere();
            try {
                awaitSegmentsReleased();
                StreamingEventProcessor processor = progress.processor();
                transaction.executeWithoutResult(status -> {
                    processor.resetTokens();
                    indexes.dropUntilReplayed();
                });
                segments.splitForReplay();
                for (int segment : tokens.fetchSegments(Projections.GROUP)) {
                    tokens.releaseClaim(Projections.GROUP, segment);
                }
            } finally {
                setRunning();
                startHere();
            }
            return null;
        });
    }

    /** Every node follows the phase of the replay row. */
    @Scheduled(fixedDelayString = "${ledger.query.replay-watch-interval:PT0.25S}")
    void follow() {
        List<String> phase = jdbc.queryForList("SELECT phase FROM projection_replay WHERE processor = ?", String.class,
                Projections.GROUP);
        if (phase.isEmpty()) {
            return;
        }
        boolean stopping = "stopping".equals(phase.get(0));
        if (stopping && locks.ifFree(NodeLock.PROJECTION_REPLAY, this::abandoned).isPresent()) {
            // the asking node died before it finished: its reset happened whole or not at all
            stopping = false;
        }
        if (stopping && progress.processor().isRunning()) {
            stopHere();
        } else if (!stopping && stoppedForReplay) {
            startHere();
        }
    }

    /** Called holding the replay lock while the phase says stopping: nobody is replaying. */
    private boolean abandoned() {
        log.warn("a replay was left in phase stopping by a node that is gone; every node starts again");
        setRunning();
        return true;
    }

    private synchronized void stopHere() {
        stoppedForReplay = true;
        progress.processor().shutDown();
    }

    private synchronized void startHere() {
        stoppedForReplay = false;
        progress.processor().start();
    }

    /** A new replay: every node is to let go of its segments. */
    private void beginStopping() {
        jdbc.update("INSERT INTO projection_replay (processor, generation, phase, requested_at) VALUES (?, 1, 'stopping', now()) "
                + "ON CONFLICT (processor) DO UPDATE SET generation = projection_replay.generation + 1, phase = 'stopping', "
                + "requested_at = now()", Projections.GROUP);
    }

    private void setRunning() {
        jdbc.update("UPDATE projection_replay SET phase = 'running' WHERE processor = ?", Projections.GROUP);
    }

    /** Waits until no segment is claimed, but for claims older than the claim timeout (their node is gone). */
    private void awaitSegmentsReleased() {
        Instant deadline = Instant.now().plus(stopTimeout);
        while (true) {
            List<String> held = jdbc.queryForList("SELECT owner || ' since ' || timestamp FROM tokenentry "
                    + "WHERE processorname = ? AND owner IS NOT NULL AND timestamp::timestamptz > now() - make_interval(secs => ?)",
                    String.class, Projections.GROUP, claimTimeout.toMillis() / 1000.0);
            if (held.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                log.warn("replay abandoned: segments still held after {}: {}", stopTimeout, held);
                throw new LedgerRejection(RejectionCode.REPLAY_NOT_STARTED, "replay",
                        "other query-side nodes did not release their segments within " + stopTimeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
