package com.creditledger.query.reporting;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.period.Books;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.balance.LotStates;
import com.creditledger.query.journal.JournalLines;
import com.creditledger.query.projection.ReadEndpoint;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Finance's reports (docs/accounting.md, reports), each as JSON or, with {@code format=csv}, CSV. */
@ReadEndpoint
class ReportController {

    private static final Map<String, List<String>> SOURCES_OF_COLUMN = Map.of(
            "topUpCash", List.of("topup"),
            "planFees", List.of("plan"),
            "usageRevenue", List.of("usage"),
            "breakage", List.of("breakage"),
            "refunds", List.of("refund"));

    /** The JSON bodies (with {@code format=csv}, the same rows as CSV). */
    record RollForward(List<DeferredRevenueReport.Row> rows) {
    }

    record Waterfall(List<RevenueWaterfall.Cohort> cohorts) {
    }

    record Lots(List<LotStates.LotState> lots) {
    }

    record Journal(List<JournalLines.Line> lines) {
    }

    record Corrections(List<Correction> corrections) {
    }

    record TrialBalance(List<JournalLines.TrialBalanceRow> accounts) {
    }

    private final DeferredRevenueReport deferredRevenue;
    private final RevenueWaterfall waterfall;
    private final LotStates lots;
    private final JournalLines journal;

    ReportController(DeferredRevenueReport deferredRevenue, RevenueWaterfall waterfall, LotStates lots,
                     JournalLines journal) {
        this.deferredRevenue = deferredRevenue;
        this.waterfall = waterfall;
        this.lots = lots;
        this.journal = journal;
    }

    @GetMapping("/v1/reports/deferred-revenue")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = RollForward.class)),
            @Content(mediaType = "text/csv")})
    ResponseEntity<?> deferredRevenue(@RequestParam YearMonth from, @RequestParam YearMonth to,
                                      @RequestParam(required = false) String granularity,
                                      @RequestParam(required = false) String accountId,
                                      @RequestParam(required = false) Instant knownAt,
                                      @RequestParam(required = false) String format) {
        List<DeferredRevenueReport.Row> rows = deferredRevenue.rollForward(from, to, granularity(granularity), accountId,
                knownAt);
        if (!isCsv(format)) {
            return ResponseEntity.ok(new RollForward(rows));
        }
        return Csv.of(List.of("period", "currency", "openingBalance", "topUpCash", "planFees", "usageRevenue",
                        "breakage", "refunds",
                        "other", "closingBalance", "revenueFromOpeningBalance", "usageRevenueOutOfPeriod", "openingCredits",
                        "grantedCredits", "grantedFreeCredits", "consumedCredits", "expiredCredits", "refundedCredits", "closingCredits"),
                rows.stream().<List<?>>map(r -> List.of(r.period(), r.currency(), r.openingBalance(), r.topUpCash(),
                        r.planFees(),
                        r.usageRevenue(), r.breakage(), r.refunds(), r.other(), r.closingBalance(),
                        r.revenueFromOpeningBalance(), r.usageRevenueOutOfPeriod(), r.credits().opening(),
                        r.credits().granted(), r.credits().grantedFree(), r.credits().consumed(), r.credits().expired(), r.credits().refunded(),
                        r.credits().closing())).toList());
    }

    record CellTrace(String period, String column, String accountId, Money total, List<JournalLines.Line> lines) {
    }

    /** From a roll-forward figure back to the journal lines, events and API calls behind it. */
    @GetMapping("/v1/reports/deferred-revenue/trace")
    CellTrace traceCell(@RequestParam String period, @RequestParam String column,
                        @RequestParam(required = false) String accountId) {
        List<String> sources = SOURCES_OF_COLUMN.get(column);
        if (sources == null) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "column",
                    "column must be one of " + SOURCES_OF_COLUMN.keySet());
        }
        ReportPeriod bounds = parsePeriod(period);
        List<JournalLines.Line> lines = journal.between(day(bounds.start()), day(bounds.end()), accountId, "2400", sources);
        boolean addsToLiability = column.equals("topUpCash") || column.equals("planFees");
        Money total = lines.stream().map(line -> addsToLiability
                        ? line.credit().minus(line.debit()) : line.debit().minus(line.credit()))
                .reduce(Money.ZERO, Money::plus);
        return new CellTrace(bounds.label(), column, accountId, total, lines);
    }

    @GetMapping("/v1/reports/revenue-waterfall")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Waterfall.class)),
            @Content(mediaType = "text/csv")})
    ResponseEntity<?> revenueWaterfall(@RequestParam(required = false) String accountId,
                                       @RequestParam(required = false) String format) {
        List<RevenueWaterfall.Cohort> cohorts = waterfall.cohorts(accountId);
        if (!isCsv(format)) {
            return ResponseEntity.ok(new Waterfall(cohorts));
        }
        return Csv.of(List.of("cohort", "currency", "recognitionMonth", "revenue"), cohorts.stream()
                .flatMap(c -> c.recognized().entrySet().stream()
                        .<List<?>>map(cell -> List.of(c.cohort(), c.currency(), cell.getKey(), cell.getValue())))
                .toList());
    }

    @GetMapping("/v1/reports/lots")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Lots.class)),
            @Content(mediaType = "text/csv")})
    ResponseEntity<?> lots(@RequestParam(required = false) Instant asOf, @RequestParam(required = false) Instant knownAt,
                           @RequestParam(required = false) String accountId,
                           @RequestParam(required = false) String format) {
        List<LotStates.LotState> states = lots.asOf(LotStates.orEndOfTime(asOf), LotStates.orEndOfTime(knownAt), accountId);
        if (!isCsv(format)) {
            return ResponseEntity.ok(new Lots(states));
        }
        return Csv.of(List.of("accountId", "lotId", "topUpId", "kind", "currency", "granted", "allocatedCash",
                        "pricePerCredit", "used", "expired", "refunded", "remaining", "deferred", "grantedAt", "expiresAt"),
                states.stream().<List<?>>map(l -> List.of(l.accountId(), l.lotId(), l.topUpId(), l.kind(), l.currency(),
                        l.granted(), l.allocatedCash(), l.pricePerCredit(), l.used(), l.expired(), l.refunded(),
                        l.remaining(), l.deferred(), l.grantedAt(), l.expiresAt())).toList());
    }

    @GetMapping("/v1/reports/journal")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Journal.class)),
            @Content(mediaType = "text/csv")})
    ResponseEntity<?> journal(@RequestParam YearMonth from, @RequestParam YearMonth to,
                              @RequestParam(required = false) String accountId,
                              @RequestParam(required = false) String format) {
        List<ReportPeriod> months = ReportPeriod.between(from, to, ReportPeriod.Granularity.MONTH);
        Instant start = months.isEmpty() ? Instant.EPOCH : months.get(0).start();
        Instant end = months.isEmpty() ? Instant.EPOCH : months.get(months.size() - 1).end();
        List<JournalLines.Line> lines = journal.between(day(start), day(end), accountId, null, null);
        if (!isCsv(format)) {
            return ResponseEntity.ok(new Journal(lines));
        }
        return Csv.of(List.of("position", "line", "eventId", "eventType", "accountId", "lotId", "currency",
                        "businessTime", "accountCode", "debit", "credit", "source", "idempotencyKey", "beyondHold",
                        "postingPeriod", "recordedAt"),
                lines.stream().<List<?>>map(l -> Arrays.asList(l.position(), l.line(), l.eventId(),
                        l.eventType(), l.accountId(), l.lotId(), l.currency(), l.businessTime(), l.accountCode(),
                        l.debit(), l.credit(), l.source(), l.idempotencyKey(), l.beyondHold(), l.postingPeriod(),
                        l.recordedAt())).toList());
    }

    /** A line posted outside its service month: recorded after that month had closed. */
    record Correction(String servicePeriod, String postingPeriod, JournalLines.Line line) {
    }

    /** Out-of-period postings: in {@code period} when given (posting month), else all of them. */
    @GetMapping("/v1/reports/corrections")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Corrections.class)),
            @Content(mediaType = "text/csv")})
    ResponseEntity<?> corrections(@RequestParam(required = false) String period,
                                  @RequestParam(required = false) String format) {
        LocalDate posting = period == null ? null : Books.parse(period).map(month -> month.atDay(1))
                .orElseThrow(() -> new LedgerRejection(RejectionCode.VALIDATION_FAILED, "period",
                        "period must look like 2025-01"));
        List<Correction> corrections = journal.outOfPeriod(posting).stream()
                .map(line -> new Correction(YearMonth.from(line.businessTime().atOffset(ZoneOffset.UTC)).toString(),
                        line.postingPeriod(), line)).toList();
        if (!isCsv(format)) {
            return ResponseEntity.ok(new Corrections(corrections));
        }
        return Csv.of(List.of("servicePeriod", "postingPeriod", "position", "line", "eventId", "eventType", "accountId",
                        "lotId", "currency", "businessTime", "recordedAt", "accountCode", "debit", "credit", "source",
                        "idempotencyKey"),
                corrections.stream().<List<?>>map(c -> Arrays.asList(c.servicePeriod(), c.postingPeriod(),
                        c.line().position(), c.line().line(), c.line().eventId(), c.line().eventType(),
                        c.line().accountId(), c.line().lotId(), c.line().currency(), c.line().businessTime(),
                        c.line().recordedAt(), c.line().accountCode(), c.line().debit(), c.line().credit(),
                        c.line().source(), c.line().idempotencyKey())).toList());
    }

    @GetMapping("/v1/reports/trial-balance")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = TrialBalance.class)),
            @Content(mediaType = "text/csv")})
    ResponseEntity<?> trialBalance(@RequestParam(required = false) Instant asOf,
                                   @RequestParam(required = false) Instant knownAt,
                                   @RequestParam(required = false) String accountId,
                                   @RequestParam(required = false) String format) {
        List<JournalLines.TrialBalanceRow> rows = journal.trialBalance(LotStates.orEndOfTime(asOf),
                LotStates.orEndOfTime(knownAt), accountId);
        if (!isCsv(format)) {
            return ResponseEntity.ok(new TrialBalance(rows));
        }
        return Csv.of(List.of("currency", "accountCode", "debit", "credit", "balance"), rows.stream()
                .<List<?>>map(r -> List.of(r.currency(), r.accountCode(), r.debit(), r.credit(), r.balance())).toList());
    }

    private static ReportPeriod parsePeriod(String period) {
        try {
            if (period.contains("-Q")) {
                int year = Integer.parseInt(period.substring(0, 4));
                int quarter = Integer.parseInt(period.substring(period.indexOf("-Q") + 2));
                YearMonth first = YearMonth.of(year, (quarter - 1) * 3 + 1);
                return ReportPeriod.between(first, first, ReportPeriod.Granularity.QUARTER).get(0);
            }
            YearMonth month = YearMonth.parse(period);
            return ReportPeriod.between(month, month, ReportPeriod.Granularity.MONTH).get(0);
        } catch (RuntimeException e) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "period", "period must look like 2025-03 or 2025-Q1");
        }
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static ReportPeriod.Granularity granularity(String value) {
        try {
            return ReportPeriod.Granularity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "granularity", "granularity must be month or quarter");
        }
    }

    private static boolean isCsv(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "format", "format must be json or csv");
    }
}
