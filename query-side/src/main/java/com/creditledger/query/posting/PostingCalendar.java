package com.creditledger.query.posting;

import com.creditledger.kernel.period.Books;
import com.creditledger.kernel.period.PeriodClosed;
import com.creditledger.kernel.period.PeriodReopened;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The month an event is posted in: its business month, unless that month was closed when the event
 * was recorded; then the first open month. "When" is the event's position in the store: the closes
 * and reopens before it count. They are read from the store itself, not from a projection, so every
 * segment and every replay decides alike whatever order it handles events in; the command side's
 * posting barrier makes the store's order the order in which closes and events really happened.
 */
@Component
public class PostingCalendar {

    private static final String CHANGES = """
            SELECT globalindex, payloadtype, convert_from(payload, 'UTF8')::jsonb ->> 'period'
            FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype IN (?, ?) ORDER BY sequencenumber""";

    /** After the event at {@code position}, every month up to {@code closedThrough} (null: none) is closed. */
    private record Change(long position, YearMonth closedThrough) {
    }

    private record Known(List<Change> changes, long head) {
    }

    private final JdbcTemplate jdbc;
    private volatile Known known = new Known(List.of(), -1);

    PostingCalendar(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public LocalDate postingMonth(Instant businessTime, long position) {
        YearMonth business = YearMonth.from(businessTime.atOffset(ZoneOffset.UTC));
        YearMonth closedThrough = closedThroughBefore(position);
        YearMonth posting = closedThrough != null && !business.isAfter(closedThrough) ? closedThrough.plusMonths(1) : business;
        return posting.atDay(1);
    }

    private YearMonth closedThroughBefore(long position) {
        Known current = known;
        if (position > current.head()) {
            current = read();
        }
        YearMonth closedThrough = null;
        for (Change change : current.changes()) {
            if (change.position() >= position) {
                break;
            }
            closedThrough = change.closedThrough();
        }
        return closedThrough;
    }

    /**
     * The changes and the store's head in one snapshot: an event is handled only once it committed,
     * and a close commits before any later event is recorded, so every change below the head is seen.
     */
    private synchronized Known read() {
        Long head = jdbc.queryForObject("SELECT COALESCE(max(globalindex), -1) FROM domainevententry", Long.class);
        List<Change> changes = new ArrayList<>();
        jdbc.query(CHANGES, rs -> {
            YearMonth period = YearMonth.parse(rs.getString(3));
            boolean closed = rs.getString(2).equals(PeriodClosed.class.getName());
            changes.add(new Change(rs.getLong(1), closed ? period : period.minusMonths(1)));
        }, Books.ID, PeriodClosed.class.getName(), PeriodReopened.class.getName());
        Known read = new Known(List.copyOf(changes), head);
        known = read;
        return read;
    }
}
