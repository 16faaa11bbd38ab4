package com.creditledger.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.projections.lag}: events in the store the slowest segment has not projected yet
 * (what a {@code waitFor} read may have to wait through), and {@code ledger.projections.replaying}
 * (1 during a rebuild), read when scraped.
 */
@Component
class ProjectionLag {

    ProjectionLag(ProjectionProgress progress, MeterRegistry meters) {
        Gauge.builder("ledger.projections.lag", () -> Math.max(0, progress.head() - progress.position()))
                .description("events committed but not yet projected by every segment").register(meters);
        Gauge.builder("ledger.projections.replaying", () -> progress.isReplaying() ? 1 : 0)
                .description("1 while the projections are being rebuilt").register(meters);
    }
}
