package com.creditledger.query.projection;

import com.creditledger.platform.IsoInstant;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: a line per row, columns
 * separated by tabs, {@code \N} for null, and backslash, tab, newline and carriage return escaped.
 * A row written this way costs the server no statement to parse and no parameters to bind, which is
 * most of what a multi-row insert adds to the row itself.
 * <p>
 * Only the value types the projections write are accepted; anything else fails loudly rather than
 * being written as whatever its {@code toString} happens to say.
 */
final class CopyText {

    /** 10^0 to 10^18: the scales and precisions whose unscaled values fit a long. */
    private static final long[] POWERS_OF_TEN = LongStream.iterate(1, power -> power * 10).limit(19).toArray();

    private CopyText() {
    }

    /** Runs {@code copy} (a {@code COPY … FROM STDIN}) on the connection with these rows; answers the rows copied. */
    static long copyIn(Connection connection, String copy, List<Object[]> rows) throws SQLException {
        byte[] text = of(rows);
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(text));
        } catch (IOException cannotHappenInMemory) {
            throw new UncheckedIOException(cannotHappenInMemory);
        }
    }

    static byte[] of(List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 160);
        for (Object[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    text.append('\t');
                }
                value(text, row[column]);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String string) {
            escaped(text, string);
        } else if (value instanceof BigDecimal decimal) {
            plain(text, decimal);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            // appended as a long: no string of its own per number (a tenth of a replay's COPY text)
            text.append(((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            text.append(bool ? 't' : 'f');
        } else if (value instanceof Instant instant) {
            IsoInstant.appendTo(text, instant);
        } else if (value instanceof OffsetDateTime dateTime && dateTime.getOffset().equals(ZoneOffset.UTC)) {
            IsoInstant.appendTo(text, dateTime.toInstant());
        } else if (value instanceof OffsetDateTime || value instanceof LocalDate) {
            // ISO 8601, with its offset where it has one: read the same whatever the session's time zone
            text.append(value);
        } else {
            throw new IllegalArgumentException("no COPY text for a " + value.getClass().getName());
        }
    }

    /**
     * The text {@link BigDecimal#toPlainString()} gives, written from the unscaled value where it
     * fits a long (every amount the ledger keeps): {@code toPlainString} builds two strings per
     * amount, and a replay writes a dozen amounts per event.
     */
    static void plain(StringBuilder text, BigDecimal decimal) {
        int scale = decimal.scale();
        if (scale <= 0 || scale >= POWERS_OF_TEN.length || decimal.precision() >= POWERS_OF_TEN.length) {
            text.append(decimal.toPlainString());
            return;
        }
        long unscaled = decimal.unscaledValue().longValue();
        if (unscaled < 0) {
            text.append('-');
            unscaled = -unscaled;
        }
        long unit = POWERS_OF_TEN[scale];
        long fraction = unscaled % unit;
        text.append(unscaled / unit).append('.');
        for (long digit = unit / 10; digit > 1 && fraction < digit; digit /= 10) {
            text.append('0');
        }
        text.append(fraction);
    }

    /**
     * Ids, codes and names almost never hold a character to escape; four vectorized searches
     * confirm it faster than one loop over the characters, which a profile put at a tenth of a
     * replay's CPU.
     */
    private static void escaped(StringBuilder text, String string) {
        if (string.indexOf('\\') < 0 && string.indexOf('\t') < 0 && string.indexOf('\n') < 0 && string.indexOf('\r') < 0) {
            text.append(string);
            return;
        }
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
