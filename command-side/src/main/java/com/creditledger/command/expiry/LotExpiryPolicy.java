package com.creditledger.command.expiry;

import com.creditledger.command.clock.LedgerClock;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.expiry.ExpireLot;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Expires every lot due at the clock's now, oldest first. Runs on a short poll and whenever the
 * manual clock moves; the event's effective time is the lot's expiry instant, however late this runs.
 */
@Component
public class LotExpiryPolicy {

    private static final Logger log = LoggerFactory.getLogger(LotExpiryPolicy.class);
    private static final int PAGE = 500;

    private final ExpirySchedule schedule;
    private final CommandGateway commands;
    private final LedgerClock clock;

    LotExpiryPolicy(ExpirySchedule schedule, CommandGateway commands, LedgerClock clock) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.expiry.poll-interval:PT1S}", initialDelayString = "${ledger.expiry.initial-delay:PT1S}")
    void expireDueNow() {
        expireDue(clock.now());
    }

    /** @return how many lots were expired */
    public synchronized int expireDue(Instant now) {
        int expired = 0;
        while (true) {
            List<ExpirySchedule.DueLot> due = schedule.dueAt(now, PAGE);
            int before = expired;
            for (ExpirySchedule.DueLot lot : due) {
                if (expire(lot, now)) {
                    expired++;
                }
            }
            if (due.size() < PAGE || expired == before) {
                return expired;
            }
        }
    }

    private boolean expire(ExpirySchedule.DueLot lot, Instant now) {
        try {
            commands.sendAndWait(new ExpireLot(lot.accountId(), lot.lotId(), now));
            // Normally already done by the CreditExpired handler; repeated so a lot the aggregate
            // reports as expired can never keep the loop busy.
            schedule.markExpired(lot.accountId(), lot.lotId());
            return true;
        } catch (LedgerRejection rejection) {
            if (rejection.code() == RejectionCode.LOT_NOT_FOUND) {
                schedule.markExpired(lot.accountId(), lot.lotId());
            }
            log.warn("could not expire lot {} of account {}: {}", lot.lotId(), lot.accountId(), rejection.getMessage());
            return false;
        } catch (RuntimeException failure) {
            log.warn("could not expire lot {} of account {}; will retry", lot.lotId(), lot.accountId(), failure);
            return false;
        }
    }
}
