package com.creditledger.query.reservation;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.query.projection.ReadEndpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Set;

@ReadEndpoint
class ReservationsController {

    private static final Set<String> STATUSES = Set.of("open", "captured", "released", "expired");

    private final Holds holds;
    private final JdbcTemplate jdbc;

    ReservationsController(Holds holds, JdbcTemplate jdbc) {
        this.holds = holds;
        this.jdbc = jdbc;
    }

    /** The account's holds, newest last; {@code status} keeps only those open or ended that way. */
    /** A record, so every node writes the fields in one order (a {@code Map.of} orders them per JVM). */
    record Reservations(String accountId, List<Holds.Hold> reservations) {
    }

    @GetMapping("/v1/accounts/{accountId}/reservations")
    Reservations reservations(@PathVariable String accountId, @RequestParam(required = false) String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "status",
                    "status is one of open, captured, released, expired");
        }
        if (jdbc.queryForList("SELECT 1 FROM qs_account WHERE account_id = ?", Integer.class, accountId).isEmpty()) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + accountId);
        }
        List<Holds.Hold> all = holds.of(accountId);
        return new Reservations(accountId,
                status == null ? all : all.stream().filter(hold -> hold.status().equals(status)).toList());
    }
}
