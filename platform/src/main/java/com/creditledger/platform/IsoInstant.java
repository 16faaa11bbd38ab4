package com.creditledger.platform;

import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads and writes the instants the store holds: an event's timestamp as Axon writes it
 * ({@code 2026-12-07T13:29:36.238Z}) and its {@code recordedAt} metadata as {@link Instant#toString()}
 * writes it (up to nine fraction digits). Both are UTC with a {@code Z}; those are read by position
 * here, because {@link java.time.format.DateTimeFormatter} took an eighth of the query side's CPU
 * in a replay profile, parsing each event's timestamp three times. Any other form (an offset, a
 * leap second, a year beyond four digits) goes to Axon's own parser, which accepts every ISO 8601
 * offset date-time, so nothing readable before is refused now. Writing ({@link #format}) gives
 * the text Axon's formatter gives, by position the same way.
 */
public final class IsoInstant {

    private static final int SHORTEST = "2026-12-07T13:29:36Z".length();
    private static final int LONGEST = "2026-12-07T13:29:36.123456789Z".length();
    /** Nanoseconds per unit of a fraction's last digit, by the number of digits after the point. */
    private static final int[] NANOS_PER_UNIT =
            {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants whose year prints in four digits. */
    private static final long FIRST_SECOND = -62_135_596_800L;
    private static final long LAST_SECOND = 253_402_300_799L;

    private IsoInstant() {
    }

    /**
     * The text Axon stores as an event's timestamp ({@code 2026-12-07T13:29:36.238Z}: milliseconds,
     * truncated), written by position; Axon's own formatter writes years beyond four digits.
     */
    public static String format(Instant instant) {
        char[] text = written(instant, 3);
        return text == null ? DateTimeUtils.formatInstant(instant) : new String(text);
    }

    /**
     * Appends the text {@link Instant#toString()} gives (the fraction in groups of three digits, as
     * many as it needs), written by position for years 1 to 9999: projections copy every instant
     * they write into PostgreSQL as text, and {@code Instant.toString} was a few percent of a replay.
     */
    public static void appendTo(StringBuilder text, Instant instant) {
        int nano = instant.getNano();
        char[] written = written(instant, nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9);
        if (written == null) {
            text.append(instant);
        } else {
            text.append(written);
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} with the first {@code fractionDigits} digits of the
     * fraction (none when 0), or null for an instant whose year does not print in four digits.
     */
    private static char[] written(Instant instant, int fractionDigits) {
        long second = instant.getEpochSecond();
        if (second < FIRST_SECOND || second > LAST_SECOND) {
            return null;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(second, 86_400));
        int secondOfDay = (int) Math.floorMod(second, 86_400);
        char[] text = new char[SHORTEST + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        writeDigits(text, 0, 4, date.getYear());
        text[4] = '-';
        writeDigits(text, 5, 7, date.getMonthValue());
        text[7] = '-';
        writeDigits(text, 8, 10, date.getDayOfMonth());
        text[10] = 'T';
        writeDigits(text, 11, 13, secondOfDay / 3_600);
        text[13] = ':';
        writeDigits(text, 14, 16, secondOfDay / 60 % 60);
        text[16] = ':';
        writeDigits(text, 17, 19, secondOfDay % 60);
        if (fractionDigits > 0) {
            text[19] = '.';
            writeDigits(text, 20, 20 + fractionDigits, instant.getNano() / NANOS_PER_UNIT[fractionDigits]);
        }
        text[text.length - 1] = 'Z';
        return text;
    }

    /** Writes value's last (to - from) decimal digits into text[from, to). */
    private static void writeDigits(char[] text, int from, int to, int value) {
        for (int i = to - 1; i >= from; i--, value /= 10) {
            text[i] = (char) ('0' + value % 10);
        }
    }

    public static Instant parse(CharSequence text) {
        Instant instant = inUtc(text);
        return instant != null ? instant : DateTimeUtils.parseInstant(text);
    }

    /** @return the instant, or null when the text is not {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} in range */
    static Instant inUtc(CharSequence text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > SHORTEST) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_PER_UNIT[length - 1 - 20];
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    /** @return the decimal value of text[from, to), or -1 if any character there is not a digit */
    private static int digits(CharSequence text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
