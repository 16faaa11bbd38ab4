package com.creditledger.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.projections.lag}: events in the store the slowest segment has not projected yet
 * (what a {@code waitFor} read may have to wait through), and {@code ledger.projections.replaying}
 * (1 during a rebuild), read when scraped.
 */
@Component
class ProjectionLag {

    ProjectionLag(ProjectionProgress progress, JdbcTemplate jdbc, MeterRegistry meters) {
        Gauge.builder("ledger.projections.lag", () -> {
                    long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), -1) FROM domainevententry", Long.class);
                    return Math.max(0, head - progress.position());
                })
                .description("events committed but not yet projected by every segment").register(meters);
        Gauge.builder("ledger.projections.replaying", () -> progress.isReplaying() ? 1 : 0)
                .description("1 while the projections are being rebuilt").register(meters);
    }
}
