package com.creditledger.query.reporting;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A UTC calendar month or quarter of a report, with the label its rows carry ("2025-01", "2025-Q1"). */
public record ReportPeriod(String label, Instant start, Instant end) {

    public enum Granularity {
        MONTH("month", "YYYY-MM", 1),
        QUARTER("quarter", "YYYY-\"Q\"Q", 3);

        /** For PostgreSQL's date_trunc and to_char, so SQL buckets carry the same labels. */
        final String truncUnit;
        final String labelFormat;
        private final int months;

        Granularity(String truncUnit, String labelFormat, int months) {
            this.truncUnit = truncUnit;
            this.labelFormat = labelFormat;
            this.months = months;
        }

        public static Granularity parse(String value) {
            return value == null ? MONTH : valueOf(value.toUpperCase());
        }
    }

    /** A report spans at most this many months: 50 years of months is already a 600-row answer. */
    static final int MAX_MONTHS = 600;

    /** Every period from the one holding {@code from} to the one holding {@code to}, inclusive. */
    public static List<ReportPeriod> between(YearMonth from, YearMonth to, Granularity granularity) {
        if (from.isAfter(to)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "from", "from " + from + " is after to " + to);
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "to",
                    "a report spans at most " + MAX_MONTHS + " months");
        }
        List<ReportPeriod> periods = new ArrayList<>();
        YearMonth month = alignedStart(from, granularity);
        while (!month.isAfter(to)) {
            YearMonth next = month.plusMonths(granularity.months);
            String label = granularity == Granularity.MONTH ? month.toString()
                    : month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
            periods.add(new ReportPeriod(label, startOf(month), startOf(next)));
            month = next;
        }
        return periods;
    }

    private static YearMonth alignedStart(YearMonth month, Granularity granularity) {
        int offset = (month.getMonthValue() - 1) % granularity.months;
        return month.minusMonths(offset);
    }

    private static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
