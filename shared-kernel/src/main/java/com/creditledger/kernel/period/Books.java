package com.creditledger.kernel.period;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The ledger's books: the one aggregate that closes and reopens accounting periods. It shares the
 * event store with accounts; the colon cannot occur in an account id.
 */
public final class Books {

    public static final String ID = "books:ledger";

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("uuuu-MM");

    private Books() {
    }

    /** A period label {@code YYYY-MM}, or empty when it is not one. */
    public static Optional<YearMonth> parse(String period) {
        if (period == null || !period.matches("\\d{4}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(period, PERIOD));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String label(YearMonth period) {
        return period.format(PERIOD);
    }
}
