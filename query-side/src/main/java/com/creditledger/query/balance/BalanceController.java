package com.creditledger.query.balance;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import com.creditledger.query.projection.ReadEndpoint;
import com.creditledger.query.reservation.Holds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

@ReadEndpoint
class BalanceController {

    private final LotStates lots;
    private final Holds holds;
    private final AlertsAndRecharge alertsAndRecharge;
    private final JdbcTemplate jdbc;

    BalanceController(LotStates lots, Holds holds, AlertsAndRecharge alertsAndRecharge, JdbcTemplate jdbc) {
        this.lots = lots;
        this.holds = holds;
        this.alertsAndRecharge = alertsAndRecharge;
        this.jdbc = jdbc;
    }

    record LotView(String lotId, String topUpId, String kind, Credits granted, Credits used, Credits expired,
                   Credits refunded, Credits remaining, Instant grantedAt, Instant expiresAt, Money allocatedCash,
                   Money deferred, int priority) {
    }

    /**
     * {@code available} is what is left, less overage owed and less what open holds keep ({@code reserved});
     * {@code alerts} and {@code autoRecharge} say what the account acts on ({@code autoRecharge} null when never set).
     */
    record Balance(String accountId, String currency, Instant asOf, Instant knownAt, Credits available, Credits reserved,
                   Credits overage, List<LotView> lots, AlertsAndRecharge.Alerts alerts,
                   AlertsAndRecharge.AutoRecharge autoRecharge) {
    }

    /**
     * The balance as recorded so far, or as it stood at {@code asOf}: usable lot credit less the
     * overage owed. "Now" is the ledger's own (its clock may be manual), so without {@code asOf}
     * every recorded event counts and a lot counts until its expiry is recorded. With {@code knownAt},
     * only what the ledger had recorded by then: "June 30 as the ledger knew it on July 5".
     */
    @GetMapping("/v1/accounts/{accountId}/balance")
    Balance balance(@PathVariable String accountId, @RequestParam(required = false) Instant asOf,
                    @RequestParam(required = false) Instant knownAt) {
        List<String> currency = jdbc.queryForList("SELECT currency FROM qs_account WHERE account_id = ?", String.class, accountId);
        if (currency.isEmpty()) {
            throw new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND, "accountId", "no account " + accountId);
        }
        Instant at = LotStates.orEndOfTime(asOf);
        Instant known = LotStates.orEndOfTime(knownAt);
        List<LotStates.LotState> states = lots.asOf(at, known, accountId);
        Credits overage = lots.overageAsOf(at, known, accountId);
        Credits usable = asOf == null
                ? states.stream().map(LotStates.LotState::remaining).reduce(Credits.ZERO, Credits::plus)
                : LotStates.usableAt(states, at);
        Credits reserved = holds.heldAt(accountId, at, known);
        AlertsAndRecharge.State acting = alertsAndRecharge.at(accountId, at, known);
        return new Balance(accountId, currency.get(0), asOf, knownAt, usable.minus(overage).minus(reserved), reserved, overage,
                states.stream().map(lot -> new LotView(lot.lotId(), lot.topUpId(), lot.kind(), lot.granted(), lot.used(),
                        lot.expired(), lot.refunded(), lot.remaining(), lot.grantedAt(), lot.expiresAt(),
                        lot.allocatedCash(), lot.deferred(), lot.priority())).toList(), acting.alerts(),
                acting.autoRecharge());
    }
}
