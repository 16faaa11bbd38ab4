package com.creditledger.query.reconciliation;

import com.creditledger.kernel.LedgerRejection;
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
    private final AtomicLong differences = new AtomicLong();

    ReconciliationCheck(NamedParameterJdbcTemplate named, ProjectionProgress progress,
                        PlatformTransactionManager transactions, MeterRegistry meters,
                        @Value("${ledger.breakage.method:remote}") String breakageMethod) {
        this.reconciliation = new Reconciliation(named, "remote".equals(breakageMethod));
        this.progress = progress;
        this.transactions = transactions;
        Gauge.builder("ledger.reconciliation.differences", differences, AtomicLong::get)
                .description("figures that differ between the event store and the projections at the last check")
                .register(meters);
    }

    /** @param accountId one account, or null for the whole ledger */
    public Reconciliation.Result run(String accountId) {
        long upTo = reconciliation.latestPosition();
        progress.awaitPosition(upTo);
        return reconciliation.checkInOneSnapshot(transactions, accountId, upTo);
    }

    @Scheduled(initialDelayString = "${ledger.reconciliation.initial-delay:PT1M}",
            fixedDelayString = "${ledger.reconciliation.interval:PT15M}")
    void scheduled() {
        if (progress.isReplaying()) {
            return;
        }
        Reconciliation.Result result;
        try {
            result = run(null);
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
