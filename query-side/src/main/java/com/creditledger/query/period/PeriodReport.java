package com.creditledger.query.period;

import com.creditledger.kernel.Sha256;
import com.creditledger.kernel.period.Books;
import com.creditledger.query.journal.JournalLines;
import com.creditledger.query.reporting.DeferredRevenueReport;
import com.creditledger.query.reporting.ReportPeriod;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.List;

/**
 * What a close freezes: the month's roll-forward (by posting month) and the trial balance of
 * everything posted through its end. Once the month is closed nothing more is posted in it or
 * before it, so the same report, and its digest, comes out after any later event and any replay.
 */
@Component
public class PeriodReport {

    /** The published figures, in the order they are hashed. */
    public record Figures(String period, List<DeferredRevenueReport.Row> rollForward,
                          List<JournalLines.TrialBalanceRow> trialBalance) {
    }

    /**
     * The figures, the SHA-256 hex of their compact JSON as served, and the first month anything was
     * posted in (null on an empty ledger), which tells the books which month must close first.
     */
    public record Published(String period, List<DeferredRevenueReport.Row> rollForward,
                            List<JournalLines.TrialBalanceRow> trialBalance, String digest, String firstPosted) {
    }

    private final DeferredRevenueReport deferredRevenue;
    private final JournalLines journal;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PeriodReport(DeferredRevenueReport deferredRevenue, JournalLines journal, JdbcTemplate jdbc, ObjectMapper json) {
        this.deferredRevenue = deferredRevenue;
        this.journal = journal;
        this.jdbc = jdbc;
        this.json = json;
    }

    public Published of(YearMonth period) {
        Figures figures = new Figures(Books.label(period),
                deferredRevenue.rollForward(period, period, ReportPeriod.Granularity.MONTH, null, null),
                journal.trialBalanceThrough(period.atDay(1)));
        String firstPosted = jdbc.queryForObject(
                "SELECT to_char(min(posting_month), 'YYYY-MM') FROM qs_journal_line", String.class);
        return new Published(figures.period(), figures.rollForward(), figures.trialBalance(), digest(figures),
                firstPosted);
    }

    private String digest(Figures figures) {
        try {
            return Sha256.digest().bytes(json.writeValueAsBytes(figures)).hex();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report is plain data and always serializes", e);
        }
    }
}
