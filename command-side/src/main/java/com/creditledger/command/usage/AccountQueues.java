package com.creditledger.command.usage;

import com.creditledger.command.access.ActorOnEvents;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.usage.RecordUsage;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for usage: records for one account wait in that account's queue, and whichever
 * request thread finds the queue idle takes everything waiting (up to {@code ledger.usage.max-group})
 * to the account as one command, one transaction. Concurrent debits of a hot account then cost one
 * commit for many instead of one each, and only one thread per account holds a database connection
 * while the aggregate decides; every record still gets its own outcome, in order.
 */
@Component
public class AccountQueues {

    private record Waiting(UsageRecord record, CompletableFuture<UsageOutcome> charged) {
    }

    private static final class Queued {
        private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean charging = new AtomicBoolean();
    }

    private final Map<String, Queued> queues = new ConcurrentHashMap<>();
    private final CommandGateway commands;
    private final int maxGroup;

    AccountQueues(CommandGateway commands, @Value("${ledger.usage.max-group:1000}") int maxGroup) {
        this.commands = commands;
        this.maxGroup = maxGroup;
    }

    /**
     * Charges the records to the account, together with whatever else the same caller has waiting
     * for it (one queue per account and actor, so every event names the key that sent it); blocks until done.
     */
    public List<UsageOutcome> charge(String accountId, List<UsageRecord> records) {
        String queueKey = accountId + '\u0000' + ActorOnEvents.currentActor();
        Queued queue = queues.computeIfAbsent(queueKey, id -> new Queued());
        List<CompletableFuture<UsageOutcome>> mine = new ArrayList<>(records.size());
        for (UsageRecord record : records) {
            CompletableFuture<UsageOutcome> charged = new CompletableFuture<>();
            mine.add(charged);
            queue.waiting.add(new Waiting(record, charged));
        }
        CompletableFuture<UsageOutcome> last = mine.get(mine.size() - 1);
        while (!last.isDone()) {
            if (queue.charging.compareAndSet(false, true)) {
                try {
                    drain(accountId, queue);
                } finally {
                    queue.charging.set(false);
                }
                queues.computeIfPresent(queueKey, (id, q) -> q.waiting.isEmpty() && !q.charging.get() ? null : q);
            } else {
                awaitBriefly(last);
            }
        }
        return mine.stream().map(AccountQueues::join).toList();
    }

    private void drain(String accountId, Queued queue) {
        while (!queue.waiting.isEmpty()) {
            List<Waiting> group = new ArrayList<>();
            for (Waiting next; group.size() < maxGroup && (next = queue.waiting.poll()) != null; ) {
                group.add(next);
            }
            try {
                List<UsageOutcome> outcomes = commands.sendAndWait(
                        new RecordUsage(accountId, group.stream().map(Waiting::record).toList()));
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).charged().complete(outcomes.get(i));
                }
            } catch (AggregateNotFoundException notFound) {
                UsageOutcome rejected = UsageOutcome.rejected(new LedgerRejection(RejectionCode.ACCOUNT_NOT_FOUND,
                        "accountId", "no account " + accountId));
                group.forEach(waiting -> waiting.charged().complete(rejected));
            } catch (RuntimeException failure) {
                group.forEach(waiting -> waiting.charged().completeExceptionally(failure));
            }
        }
    }

    private static void awaitBriefly(CompletableFuture<UsageOutcome> charged) {
        try {
            charged.get(2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillWaitingOrFailed) {
            // loop: either another thread is charging, or this one takes over the queue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UsageOutcome join(CompletableFuture<UsageOutcome> charged) {
        try {
            return charged.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }
}
