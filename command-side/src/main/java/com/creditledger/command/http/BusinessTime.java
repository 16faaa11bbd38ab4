package com.creditledger.command.http;

import com.creditledger.command.clock.LedgerClock;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Business time of a request: the time the caller gives, else the ledger clock's now. A time
 * further in the future than {@code ledger.future-tolerance} (clock skew between the caller and
 * the ledger) is refused: it would let a call draw on lots the clock has not reached yet.
 */
@Component
public class BusinessTime {

    private final LedgerClock clock;
    private final Duration futureTolerance;

    BusinessTime(LedgerClock clock, @Value("${ledger.future-tolerance:PT5M}") Duration futureTolerance) {
        this.clock = clock;
        this.futureTolerance = futureTolerance;
    }

    public Instant now() {
        return clock.now();
    }

    public Instant resolve(Instant given, String field) {
        Instant now = clock.now();
        if (given == null) {
            return now;
        }
        if (given.isAfter(now.plus(futureTolerance))) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, field,
                    field + " " + given + " is in the future (ledger time is " + now + ")");
        }
        return given;
    }
}
