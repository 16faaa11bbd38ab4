package com.creditledger.query.period;

import com.creditledger.kernel.period.PeriodClosed;
import com.creditledger.kernel.period.PeriodReopenRequested;
import com.creditledger.kernel.period.PeriodReopened;
import com.creditledger.query.projection.PendingWrites;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;

import static com.creditledger.query.projection.Projections.utc;

/** Closes, reopen requests and reopens as they were recorded: the periods' own history. */
@Component
@ProcessingGroup(Projections.GROUP)
class PeriodProjection {

    private static final PendingWrites.Statement EVENT = new PendingWrites.Statement(10,
            "INSERT INTO qs_period_event (global_index, period, kind, actor, approved_by, report_digest, reason, at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (global_index) DO NOTHING"); // keyed by the event itself

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;

    PeriodProjection(JdbcTemplate jdbc, PendingWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(PeriodClosed event, EventMessage<?> message) {
        write(message, event.period(), "closed", event.closedBy(), null, event.reportDigest(), null, event.closedAt());
    }

    @EventHandler
    void on(PeriodReopenRequested event, EventMessage<?> message) {
        write(message, event.period(), "reopen_requested", event.requestedBy(), null, null, event.reason(),
                event.requestedAt());
    }

    @EventHandler
    void on(PeriodReopened event, EventMessage<?> message) {
        write(message, event.period(), "reopened", event.requestedBy(), event.approvedBy(), null, event.reason(),
                event.reopenedAt());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_period_event");
    }

    private void write(EventMessage<?> message, String period, String kind, String actor, String approvedBy,
                       String digest, String reason, Instant at) {
        writes.add(EVENT, Recorded.of(message).globalIndex(), YearMonth.parse(period).atDay(1), kind, actor, approvedBy,
                digest, reason, utc(at));
    }
}
