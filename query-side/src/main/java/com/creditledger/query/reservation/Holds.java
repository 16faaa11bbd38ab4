package com.creditledger.query.reservation;

import com.creditledger.kernel.value.Credits;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static com.creditledger.query.projection.Projections.utc;

/** An account's holds as their movements left them, and what they held at an instant. */
@Component
public class Holds {

    private static final String HOLDS = """
            SELECT r.reservation_id, r.model, r.reserved, r.occurred_at,
                   SUM(m.held_change) AS held, SUM(m.captured) AS captured, SUM(m.released) AS released,
                   (array_agg(m.expires_at ORDER BY m.global_index DESC) FILTER (WHERE m.expires_at IS NOT NULL))[1] AS expires_at,
                   (array_agg(m.kind ORDER BY m.global_index DESC) FILTER (WHERE m.closes))[1] AS ending
            FROM qs_reservation r
            JOIN qs_hold_movement m ON m.account_id = r.account_id AND m.reservation_id = r.reservation_id
            WHERE r.account_id = :account
            GROUP BY r.reservation_id, r.model, r.reserved, r.occurred_at, r.global_index
            ORDER BY r.global_index""";

    private final NamedParameterJdbcTemplate jdbc;

    Holds(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code status}: open, or how it ended (captured, released, expired). */
    public record Hold(String reservationId, String model, Credits reserved, Credits held, Credits captured,
                       Credits released, String status, Instant occurredAt, Instant expiresAt) {
    }

    public List<Hold> of(String accountId) {
        return jdbc.query(HOLDS, new MapSqlParameterSource("account", accountId), (rs, row) -> {
            String ending = rs.getString("ending");
            return new Hold(rs.getString("reservation_id"), rs.getString("model"), Credits.of(rs.getBigDecimal("reserved")),
                    Credits.of(rs.getBigDecimal("held")), Credits.of(rs.getBigDecimal("captured")),
                    Credits.of(rs.getBigDecimal("released")), ending == null ? "open" : ending.toLowerCase(),
                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant());
        });
    }

    /** What the account's holds kept at {@code at} (business time), as recorded by {@code knownAt}. */
    public Credits heldAt(String accountId, Instant at, Instant knownAt) {
        BigDecimal held = jdbc.queryForObject("SELECT COALESCE(SUM(held_change), 0) FROM qs_hold_movement "
                        + "WHERE account_id = :account AND business_time <= :at AND recorded_at <= :known",
                new MapSqlParameterSource("account", accountId).addValue("at", utc(at)).addValue("known", utc(knownAt)),
                BigDecimal.class);
        return Credits.of(held);
    }
}
