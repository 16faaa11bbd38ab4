package com.creditledger.command.expiry;

import com.creditledger.command.clock.LedgerClock;
import com.creditledger.command.clock.ManualClock;
import com.creditledger.command.expiry.ExpiryPolicy;
import com.creditledger.command.http.EventPositions;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * {@code PUT /v1/admin/clock} answers only after every expiry due at the new instant is recorded,
 * so a script can drive a year of history deterministically. Like every command answer it carries
 * {@code position}, the store's position once those expiries were recorded, so a read that waits for
 * it shows them.
 */
@RestController
public class ClockController {

    private final LedgerClock clock;
    private final ObjectProvider<ManualClock> manualClock;
    private final ExpiryPolicy expiry;
    private final EventPositions positions;

    ClockController(LedgerClock clock, ObjectProvider<ManualClock> manualClock, ExpiryPolicy expiry,
                    EventPositions positions) {
        this.clock = clock;
        this.manualClock = manualClock;
        this.expiry = expiry;
        this.positions = positions;
    }

    public record ClockSetting(@NotNull Instant now) {
    }

    public record ClockState(Instant now, String mode, int lotsExpired, int holdsExpired, int expiryNotices,
                             int plansRenewed, long position) {
    }

    @GetMapping("/v1/admin/clock")
    public ClockState read() {
        return new ClockState(clock.now(), manualClock.getIfAvailable() == null ? "system" : "manual", 0, 0, 0, 0,
                positions.latest());
    }

    @PutMapping("/v1/admin/clock")
    public ClockState set(@Valid @RequestBody ClockSetting setting) {
        ManualClock manual = manualClock.getIfAvailable();
        if (manual == null) {
            throw new LedgerRejection(RejectionCode.CLOCK_NOT_MANUAL, "now",
                    "the clock is set only in manual mode (ledger.clock.mode=manual)");
        }
        manual.set(setting.now());
        ExpiryPolicy.Expired expired = expiry.expireDue(manual.now());
        return new ClockState(manual.now(), "manual", expired.lots(), expired.holds(), expired.notices(),
                expired.plansRenewed(), positions.latest());
    }
}
