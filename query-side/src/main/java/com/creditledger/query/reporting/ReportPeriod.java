package com.creditledger.query.reporting;

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

    /** Every period from the one holding {@code from} to the one holding {@code to}, inclusive. */
    public static List<ReportPeriod> between(YearMonth from, YearMonth to, Granularity granularity) {
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
