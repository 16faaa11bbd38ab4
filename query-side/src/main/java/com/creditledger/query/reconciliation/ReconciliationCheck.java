package com.creditledger.query.reconciliation;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.platform.cluster.NodeLock;
import com.creditledger.platform.cluster.NodeLocks;
import com.creditledger.query.projection.ProjectionProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the {@link Reconciliation}: up to the store's latest position once the projections have
 * reached it, both sides in one read-only repeatable-read snapshot. On demand (admin endpoint) and on
 * a schedule ({@code ledger.reconciliation.interval}, default 15 minutes), which logs every
 * difference and publishes their number as the gauge {@code ledger.reconciliation.differences}.
 */
@Component
public class ReconciliationCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationCheck.class);

    private final Reconciliation reconciliation;
    private final ProjectionProgress progress;
    private final PlatformTransactionManager transactions;
    private final NodeLocks locks;
    private final AtomicLong differences = new AtomicLong();

    ReconciliationCheck(NamedParameterJdbcTemplate named, ProjectionProgress progress,
                        PlatformTransactionManager transactions, NodeLocks locks, MeterRegistry meters,
                        @Value("${ledger.breakage.method:remote}") String breakageMethod) {
        this.reconciliation = new Reconciliation(named, "remote".equals(breakageMethod));
        this.progress = progress;
        this.transactions = transactions;
        this.locks = locks;
        Gauge.builder("ledger.reconciliation.differences", differences, AtomicLong::get)
                .description("figures that differ between the event store and the projections at the last check")
                .register(meters);
    }

    /**
     * Holds the replay lock shared throughout: a replay's reset empties the tables with
     * {@code TRUNCATE}, which a snapshot taken before it does not hide, so a check it overlapped
     * found every projection empty and reported the whole ledger as differences. A replay asked
     * meanwhile starts once the check is done; a check asked during a reset starts after it, and
     * waits for the replayed events like any read.
     *
     * @param accountId one account, or null for the whole ledger
     */
    public Reconciliation.Result run(String accountId) {
        return locks.sharing(NodeLock.PROJECTION_REPLAY, () -> check(accountId));
    }

    private Reconciliation.Result check(String accountId) {
        long upTo = reconciliation.latestPosition();
        progress.awaitPosition(upTo);
        return reconciliation.checkInOneSnapshot(transactions, accountId, upTo);
    }

    /**
     * Never waits for a replay: the scheduler's one thread also stops this node's processor for
     * another node's replay and takes the sums that finish one, so waiting here would hold both up.
     */
    @Scheduled(initialDelayString = "${ledger.reconciliation.initial-delay:PT1M}",
            fixedDelayString = "${ledger.reconciliation.interval:PT15M}")
    void scheduled() {
        Reconciliation.Result result;
        try {
            Optional<Reconciliation.Result> checked = locks.sharingIfFree(NodeLock.PROJECTION_REPLAY,
                    () -> progress.isReplaying() ? null : check(null));
            if (checked.isEmpty()) {
                return;
            }
            result = checked.get();
        } catch (LedgerRejection lagging) {
            LOG.warn("reconciliation skipped: {}", lagging.getMessage());
            return;
        }
        differences.set(result.differences().size());
        if (result.clean()) {
            LOG.info("reconciliation: {} accounts, {} figures up to position {}: no difference",
                    result.accounts(), result.figures(), result.upTo());
        } else {
            result.differences().forEach(difference -> LOG.error(
                    "reconciliation: account {} figure {}: events {} projections {} (up to position {})",
                    difference.accountId(), difference.figure(), difference.events(), difference.projections(),
                    result.upTo()));
        }
    }
}
