package com.creditledger.command.expiry;

import com.creditledger.command.clock.LedgerClock;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.alert.NoticeLotExpiring;
import com.creditledger.kernel.expiry.ExpireLot;
import com.creditledger.kernel.plan.RenewPlan;
import com.creditledger.kernel.reservation.ExpireReservation;
import com.creditledger.platform.cluster.NodeLock;
import com.creditledger.platform.cluster.NodeLocks;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiConsumer;

/**
 * Records every pre-expiry notice, ends every hold, expires every lot and bills every plan month due
 * at the clock's now, oldest first: notices, then holds, then lots, then plan months (a hold's credit sits in lots that expire no earlier
 * than it). Runs on a short poll and whenever the
 * manual clock moves; each event's effective time is its own instant, however late this runs.
 * One node at a time runs a pass ({@link NodeLock#EXPIRY_PASS}), so each due item is handled by one
 * node; should a node die mid-pass, its lock goes with its connection and the next poll of another
 * node takes over. Even so the account decides: an item already ended changes nothing.
 */
@Component
public class ExpiryPolicy {

    private static final Logger log = LoggerFactory.getLogger(ExpiryPolicy.class);
    private static final int PAGE = 500;

    private final ExpirySchedule schedule;
    private final CommandGateway commands;
    private final LedgerClock clock;
    private final NodeLocks locks;

    ExpiryPolicy(ExpirySchedule schedule, CommandGateway commands, LedgerClock clock, NodeLocks locks) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
        this.locks = locks;
    }

    /** How many notices one pass recorded and how many holds and lots it ended. */
    public record Expired(int notices, int holds, int lots, int plansRenewed) {
    }

    @Scheduled(fixedDelayString = "${ledger.expiry.poll-interval:PT1S}", initialDelayString = "${ledger.expiry.initial-delay:PT1S}")
    void expireDueNow() {
        // a pass another node is running covers this poll
        locks.ifFree(NodeLock.EXPIRY_PASS, () -> passesUntilDone(clock.now()));
    }

    /** Ends what is due at {@code now}, after any pass another node is running. */
    public Expired expireDue(Instant now) {
        return locks.holding(NodeLock.EXPIRY_PASS, () -> passesUntilDone(now));
    }

    /** Repeated while plans renew: a month billed may bring a lot, and its notices, due by now too. */
    private Expired passesUntilDone(Instant now) {
        Expired total = new Expired(0, 0, 0, 0);
        Expired pass;
        do {
            pass = onePass(now);
            total = new Expired(total.notices() + pass.notices(), total.holds() + pass.holds(),
                    total.lots() + pass.lots(), total.plansRenewed() + pass.plansRenewed());
        } while (pass.plansRenewed() > 0);
        return total;
    }

    private Expired onePass(Instant now) {
        int notices = expireAll(now, schedule::noticesDueAt, ExpiryPolicy::notice, schedule::markNoticed,
                RejectionCode.LOT_NOT_FOUND, "notice");
        int holds = expireAll(now, schedule::holdsDueAt, (due, at) -> new ExpireReservation(due.accountId(), due.id(), at),
                schedule::markEnded, RejectionCode.RESERVATION_NOT_FOUND, "hold");
        int lots = expireAll(now, schedule::dueAt, (due, at) -> new ExpireLot(due.accountId(), due.id(), at),
                schedule::markExpired, RejectionCode.LOT_NOT_FOUND, "lot");
        // a billed month moves its row on by itself; a refused one (no plan then) is marked done
        int renewals = expireAll(now, schedule::renewalsDueAt, (due, at) -> new RenewPlan(due.accountId(), due.id()),
                schedule::markRenewed, RejectionCode.PLAN_NOT_IN_FORCE, "plan month");
        return new Expired(notices, holds, lots, renewals);
    }

    private static NoticeLotExpiring notice(ExpirySchedule.Due due, Instant at) {
        int separator = due.id().lastIndexOf(ExpirySchedule.NOTICE);
        return new NoticeLotExpiring(due.accountId(), due.id().substring(0, separator),
                Integer.parseInt(due.id().substring(separator + 1)), at);
    }

    private int expireAll(Instant now, BiFunction<Instant, Integer, List<ExpirySchedule.Due>> dueAt,
                          BiFunction<ExpirySchedule.Due, Instant, Object> command, BiConsumer<String, String> markDone,
                          RejectionCode gone, String kind) {
        int expired = 0;
        while (true) {
            List<ExpirySchedule.Due> due = dueAt.apply(now, PAGE);
            int before = expired;
            for (ExpirySchedule.Due item : due) {
                if (expire(item, command.apply(item, now), markDone, gone, kind)) {
                    expired++;
                }
            }
            if (due.size() < PAGE || expired == before) {
                return expired;
            }
        }
    }

    private boolean expire(ExpirySchedule.Due item, Object command, BiConsumer<String, String> markDone,
                           RejectionCode gone, String kind) {
        try {
            commands.sendAndWait(command);
            // Normally already done by the event's handler; repeated so an item the account reports
            // as ended can never keep the loop busy.
            markDone.accept(item.accountId(), item.id());
            return true;
        } catch (LedgerRejection rejection) {
            if (rejection.code() == gone) {
                markDone.accept(item.accountId(), item.id());
            }
            log.warn("could not expire {} {} of account {}: {}", kind, item.id(), item.accountId(), rejection.getMessage());
            return false;
        } catch (RuntimeException failure) {
            log.warn("could not expire {} {} of account {}; will retry", kind, item.id(), item.accountId(), failure);
            return false;
        }
    }
}
