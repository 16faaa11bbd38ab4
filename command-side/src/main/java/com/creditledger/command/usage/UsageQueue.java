package com.creditledger.command.usage;

import com.creditledger.command.access.ActorOnEvents;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for usage, ledger-wide: every request puts its records in a queue, a unit per
 * account, and waits; {@code ledger.usage.committers} threads each take whatever is waiting in
 * their queue (up to {@code ledger.usage.max-group} records) and charge it in one transaction
 * ({@link GroupedCharge}). Concurrent single debits, a batch spread over hundreds of accounts, and
 * a hot account's many callers all cost one commit per group instead of one per debit or per
 * account, and only the committers hold database connections. An account always goes to the same
 * committer (by its id's hash): committers never wait on each other's account locks, and a hot
 * account's debits pile up behind its one committer into large groups. Every record still gets its
 * own outcome, and a request's records for one account stay together and in order.
 * <p>
 * Records come priced by the rate cards their caller knew; a group charges only the units priced
 * by every card published when it began, and hands the others back to be priced again.
 */
@Component
public class UsageQueue implements DisposableBean {

    /**
     * One request's records for one account, charged together, in order, as its caller; priced by
     * the first {@code cardsPublished} rate cards.
     */
    record Unit(String accountId, String actor, List<UsageRecord> records, int cardsPublished,
                CompletableFuture<Charged> charged) {
    }

    /** A unit was priced by fewer rate cards than had been published when its group began. */
    static final class PricedByOutdatedCards extends RuntimeException {
        PricedByOutdatedCards() {
            super("priced by outdated rate cards", null, false, false);
        }
    }

    /** The outcomes of a unit's records, and a store position covering every one charged. */
    public record Charged(List<UsageOutcome> outcomes, long position) {
    }

    private final List<BlockingQueue<Unit>> lanes = new ArrayList<>();
    private final int maxGroup;
    private final GroupedCharge charge;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean open = true;

    UsageQueue(GroupedCharge charge, @Value("${ledger.usage.committers:2}") int committers,
               @Value("${ledger.usage.max-group:1000}") int maxGroup) {
        this.charge = charge;
        this.maxGroup = maxGroup;
        for (int i = 0; i < committers; i++) {
            BlockingQueue<Unit> lane = new LinkedBlockingQueue<>();
            lanes.add(lane);
            Thread committer = new Thread(() -> commitGroups(lane), "usage-committer-" + i);
            committer.setDaemon(true);
            committer.start();
            this.committers.add(committer);
        }
    }

    /**
     * Charges each account its records, priced by the first {@code cardsPublished} rate cards, as
     * the calling key; blocks until all are decided. An account missing from the answer was not
     * charged: more cards had been published, so its records are to be priced again.
     */
    public Map<String, Charged> charge(Map<String, List<UsageRecord>> recordsByAccount, int cardsPublished) {
        if (!open) {
            throw new IllegalStateException("the ledger is shutting down");
        }
        String actor = ActorOnEvents.currentActor();
        Map<String, CompletableFuture<Charged>> mine = new LinkedHashMap<>();
        recordsByAccount.forEach((accountId, records) -> {
            CompletableFuture<Charged> charged = new CompletableFuture<>();
            mine.put(accountId, charged);
            lanes.get(Math.floorMod(accountId.hashCode(), lanes.size()))
                    .add(new Unit(accountId, actor, List.copyOf(records), cardsPublished, charged));
        });
        Map<String, Charged> charged = new LinkedHashMap<>();
        mine.forEach((accountId, future) -> {
            Charged decided = join(future);
            if (decided != null) {
                charged.put(accountId, decided);
            }
        });
        return charged;
    }

    private void commitGroups(BlockingQueue<Unit> waiting) {
        while (open) {
            List<Unit> group = new ArrayList<>();
            try {
                group.add(waiting.take());
            } catch (InterruptedException stopping) {
                break;
            }
            int records = group.get(0).records().size();
            for (Unit next; records < maxGroup && (next = waiting.poll()) != null; ) {
                group.add(next);
                records += next.records().size();
            }
            try {
                charge.charge(group);
            } catch (RuntimeException failure) {
                group.forEach(unit -> unit.charged().completeExceptionally(failure));
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        open = false;
        committers.forEach(Thread::interrupt);
        for (Thread committer : committers) {
            committer.join(10_000);
        }
        IllegalStateException closed = new IllegalStateException("the ledger shut down before charging this usage");
        for (BlockingQueue<Unit> lane : lanes) {
            for (Unit unit; (unit = lane.poll()) != null; ) {
                unit.charged().completeExceptionally(closed);
            }
        }
    }

    /** The unit's outcomes, or null when it is to be priced again. */
    private static Charged join(CompletableFuture<Charged> charged) {
        try {
            return charged.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof PricedByOutdatedCards) {
                return null;
            }
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }
}
