package com.creditledger.command.usage;

import com.creditledger.command.access.ActorOnEvents;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for usage, ledger-wide: every request puts its records in one queue, a unit per
 * account, and up to {@code ledger.usage.committers} request threads at a time take whatever is
 * waiting (up to {@code ledger.usage.max-group} records) and charge it in one transaction
 * ({@link GroupedCharge}). Concurrent single debits, a batch spread over hundreds of accounts, and a
 * hot account's many callers all cost one commit per group instead of one per debit or per account,
 * and only the committers hold database connections. Every record still gets its own outcome, and a
 * request's records for one account stay together and in order.
 */
@Component
public class UsageQueue {

    /** One request's records for one account, charged together, in order. */
    record Unit(String accountId, String actor, List<UsageRecord> records, CompletableFuture<Charged> charged) {
    }

    /** The outcomes of a unit's records, and a store position covering every one charged. */
    public record Charged(List<UsageOutcome> outcomes, long position) {
    }

    private final Queue<Unit> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore committers;
    private final int maxGroup;
    private final GroupedCharge charge;

    UsageQueue(GroupedCharge charge, @Value("${ledger.usage.committers:2}") int committers,
               @Value("${ledger.usage.max-group:1000}") int maxGroup) {
        this.charge = charge;
        this.committers = new Semaphore(committers);
        this.maxGroup = maxGroup;
    }

    /** Charges each account its records, as the calling key; blocks until all are decided. */
    public Map<String, Charged> charge(Map<String, List<UsageRecord>> recordsByAccount) {
        String actor = ActorOnEvents.currentActor();
        Map<String, CompletableFuture<Charged>> mine = new LinkedHashMap<>();
        recordsByAccount.forEach((accountId, records) -> {
            CompletableFuture<Charged> charged = new CompletableFuture<>();
            mine.put(accountId, charged);
            waiting.add(new Unit(accountId, actor, List.copyOf(records), charged));
        });
        for (CompletableFuture<Charged> charged : mine.values()) {
            while (!charged.isDone()) {
                if (!waiting.isEmpty() && committers.tryAcquire()) {
                    try {
                        commitNextGroup();
                    } finally {
                        committers.release();
                    }
                } else {
                    awaitBriefly(charged);
                }
            }
        }
        Map<String, Charged> charged = new LinkedHashMap<>();
        mine.forEach((accountId, future) -> charged.put(accountId, join(future)));
        return charged;
    }

    private void commitNextGroup() {
        List<Unit> group = new ArrayList<>();
        int records = 0;
        for (Unit next; records < maxGroup && (next = waiting.poll()) != null; ) {
            group.add(next);
            records += next.records().size();
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            charge.charge(group);
        } catch (RuntimeException failure) {
            group.forEach(unit -> unit.charged().completeExceptionally(failure));
        }
    }

    private static void awaitBriefly(CompletableFuture<Charged> charged) {
        try {
            charged.get(1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillWaitingOrFailed) {
            // loop: either a committer has it, or this thread becomes one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Charged join(CompletableFuture<Charged> charged) {
        try {
            return charged.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }
}
