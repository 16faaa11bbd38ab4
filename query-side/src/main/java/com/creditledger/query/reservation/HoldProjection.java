package com.creditledger.query.reservation;

import com.creditledger.kernel.reservation.CreditReserved;
import com.creditledger.kernel.reservation.ReservationCaptured;
import com.creditledger.kernel.reservation.ReservationExpired;
import com.creditledger.kernel.reservation.ReservationExtended;
import com.creditledger.kernel.reservation.ReservationReleased;
import com.creditledger.kernel.value.Credits;
import com.creditledger.query.projection.PendingWrites;
import com.creditledger.query.projection.Projections;
import com.creditledger.query.projection.Recorded;
import com.creditledger.query.projection.Redelivery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

import static com.creditledger.query.projection.Projections.utc;

/**
 * Holds as movements: each hold event adds one row saying how much more or less it holds, what it
 * captured or released, and whether it ended. A hold moves no money, so nothing here reaches the
 * journal; the balance subtracts what is held from what is available.
 */
@Component
@ProcessingGroup(Projections.GROUP)
class HoldProjection {

    private static final PendingWrites.Statement RESERVATION = Redelivery.rowPerEvent(12, "qs_reservation",
            "account_id, reservation_id, model, reserved, occurred_at, global_index, event_id",
            "account_id, reservation_id", "event_id");
    private static final PendingWrites.Statement MOVEMENT = Redelivery.rowPerEvent(42, "qs_hold_movement",
            "global_index, event_id, account_id, reservation_id, business_time, kind, held_change, captured, released, "
                    + "expires_at, closes, recorded_at",
            "global_index", "event_id");

    private final JdbcTemplate jdbc;
    private final PendingWrites writes;

    HoldProjection(JdbcTemplate jdbc, PendingWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(CreditReserved event, EventMessage<?> message) {
        Recorded recorded = Recorded.of(message);
        writes.add(RESERVATION, event.accountId(), event.reservationId(), event.model(), event.held().toBigDecimal(),
                utc(event.occurredAt()), recorded.globalIndex(), recorded.eventId());
        move(recorded, event.accountId(), event.reservationId(), event.occurredAt(), "RESERVED", event.held(),
                Credits.ZERO, Credits.ZERO, event.expiresAt(), false);
    }

    @EventHandler
    void on(ReservationExtended event, EventMessage<?> message) {
        move(Recorded.of(message), event.accountId(), event.reservationId(), event.extendedAt(), "EXTENDED",
                event.added(), Credits.ZERO, Credits.ZERO, event.expiresAt(), false);
    }

    @EventHandler
    void on(ReservationCaptured event, EventMessage<?> message) {
        move(Recorded.of(message), event.accountId(), event.reservationId(), event.capturedAt(), "CAPTURED",
                Credits.ZERO.minus(event.captured()).minus(event.released()), event.captured(), event.released(), null,
                event.finalCapture());
    }

    @EventHandler
    void on(ReservationReleased event, EventMessage<?> message) {
        move(Recorded.of(message), event.accountId(), event.reservationId(), event.releasedAt(), "RELEASED",
                Credits.ZERO.minus(event.released()), Credits.ZERO, event.released(), null, true);
    }

    @EventHandler
    void on(ReservationExpired event, EventMessage<?> message) {
        move(Recorded.of(message), event.accountId(), event.reservationId(), event.expiredAt(), "EXPIRED",
                Credits.ZERO.minus(event.released()), Credits.ZERO, event.released(), null, true);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE qs_reservation, qs_hold_movement");
    }

    private void move(Recorded recorded, String accountId, String reservationId, Instant businessTime, String kind,
                      Credits heldChange, Credits captured, Credits released, Instant expiresAt, boolean closes) {
        writes.add(MOVEMENT, recorded.globalIndex(), recorded.eventId(), accountId, reservationId, utc(businessTime), kind,
                heldChange.toBigDecimal(), captured.toBigDecimal(), released.toBigDecimal(),
                expiresAt == null ? null : utc(expiresAt), closes, utc(recorded.recordedAt()));
    }
}
