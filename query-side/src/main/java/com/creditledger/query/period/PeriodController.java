package com.creditledger.query.period;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.period.Books;
import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The books' periods: which are closed, by whom, with what digest, and whether today's report of a
 * closed month still has that digest; and the report a close freezes.
 */
@ReadEndpoint
class PeriodController {

    /** One close, reopen request or reopen, as recorded. */
    record Change(String kind, Instant at, String actor, String approvedBy, String reportDigest, String reason,
                  long position) {
    }

    /**
     * A period that was ever closed. {@code status} is closed, reopen_pending (closed, a reopen
     * awaits its second key) or open (reopened); for a closed period {@code digestMatches} says
     * whether its report today has the digest recorded at the close.
     */
    record Period(String period, String status, Instant closedAt, String closedBy, String reportDigest,
                  String currentDigest, Boolean digestMatches, List<Change> changes) {
    }

    record Periods(String closedThrough, List<Period> periods) {
    }

    private final JdbcTemplate jdbc;
    private final PeriodReport reports;

    PeriodController(JdbcTemplate jdbc, PeriodReport reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    @GetMapping("/v1/periods")
    Periods periods() {
        Map<String, List<Change>> changes = new LinkedHashMap<>();
        jdbc.query("SELECT to_char(period, 'YYYY-MM') AS period, kind, at, actor, approved_by, report_digest, reason, "
                + "global_index FROM qs_period_event ORDER BY period, global_index", rs -> {
            changes.computeIfAbsent(rs.getString("period"), key -> new ArrayList<>()).add(new Change(
                    rs.getString("kind"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                    rs.getString("approved_by"), rs.getString("report_digest"), rs.getString("reason"),
                    rs.getLong("global_index")));
        });
        List<Period> periods = new ArrayList<>();
        String closedThrough = null;
        for (Map.Entry<String, List<Change>> entry : changes.entrySet()) {
            Period period = period(entry.getKey(), entry.getValue());
            periods.add(period);
            if (!period.status().equals("open")) {
                closedThrough = period.period();
            }
        }
        return new Periods(closedThrough, periods);
    }

    @GetMapping("/v1/periods/{period}/report")
    PeriodReport.Published report(@PathVariable String period) {
        YearMonth month = Books.parse(period).orElseThrow(() -> new LedgerRejection(RejectionCode.VALIDATION_FAILED,
                "period", "period must look like 2025-01"));
        return reports.of(month);
    }

    private Period period(String label, List<Change> changes) {
        Change last = changes.get(changes.size() - 1);
        Change close = changes.stream().filter(change -> change.kind().equals("closed")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("period " + label + " has changes but was never closed"));
        String status = switch (last.kind()) {
            case "closed" -> "closed";
            case "reopen_requested" -> "reopen_pending";
            default -> "open";
        };
        if (status.equals("open")) {
            return new Period(label, status, close.at(), close.actor(), close.reportDigest(), null, null, changes);
        }
        String current = reports.of(YearMonth.parse(label)).digest();
        return new Period(label, status, close.at(), close.actor(), close.reportDigest(), current,
                current.equals(close.reportDigest()), changes);
    }
}
