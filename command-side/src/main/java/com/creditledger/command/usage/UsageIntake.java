package com.creditledger.command.usage;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.EventPositions;
import com.creditledger.command.http.RequestDigest;
import com.creditledger.command.ratecard.PriceList;
import com.creditledger.command.ratecard.RateCatalog;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import com.creditledger.kernel.value.Credits;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Takes usage records, one or a batch, to their accounts: each record is validated and priced on
 * its own, then the records of one account join that account's queue ({@link AccountQueues}), so a
 * batch, or many concurrent single calls, cost one transaction per account rather than one per
 * record. Every record gets its own outcome.
 */
@Component
public class UsageIntake {

    private final AccountQueues queues;
    private final EventPositions positions;
    private final Executor accounts;
    private final RateCatalog rateCatalog;
    private final BusinessTime time;
    private final Validator validator;

    UsageIntake(AccountQueues queues, EventPositions positions, RateCatalog rateCatalog, BusinessTime time,
                Validator validator, @Value("${ledger.usage.batch-parallelism:8}") int parallelism) {
        this.queues = queues;
        this.positions = positions;
        // the caller's security context goes along, so each account's events name the caller as actor
        this.accounts = new DelegatingSecurityContextExecutor(Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "batch-account");
            thread.setDaemon(true);
            return thread;
        }));
        this.rateCatalog = rateCatalog;
        this.time = time;
        this.validator = validator;
    }

    /** The outcome of one request, in the order the requests came. */
    public record Result(UsageRequest request, UsageOutcome outcome) {
    }

    /** The outcomes, and the event-store position covering every record charged (0 when none was). */
    public record Results(List<Result> results, long position) {
    }

    public Results record(List<UsageRequest> requests) {
        UsageOutcome[] outcomes = new UsageOutcome[requests.size()];
        Map<String, List<Integer>> indexesByAccount = new LinkedHashMap<>();
        Map<String, List<UsageRecord>> recordsByAccount = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            UsageRequest request = requests.get(i);
            try {
                UsageRecord record = toRecord(request);
                indexesByAccount.computeIfAbsent(request.accountId(), id -> new ArrayList<>()).add(i);
                recordsByAccount.computeIfAbsent(request.accountId(), id -> new ArrayList<>()).add(record);
            } catch (LedgerRejection rejection) {
                outcomes[i] = UsageOutcome.rejected(rejection);
            }
        }
        // The accounts of a batch are independent: charge them side by side, so their commits overlap.
        Map<String, CompletableFuture<List<UsageOutcome>>> charging = new LinkedHashMap<>();
        recordsByAccount.forEach((accountId, records) -> charging.put(accountId, recordsByAccount.size() == 1
                ? CompletableFuture.completedFuture(queues.charge(accountId, records))
                : CompletableFuture.supplyAsync(() -> queues.charge(accountId, records), accounts)));
        charging.forEach((accountId, future) -> {
            List<UsageOutcome> charged = future.join();
            List<Integer> indexes = indexesByAccount.get(accountId);
            for (int j = 0; j < indexes.size(); j++) {
                outcomes[indexes.get(j)] = charged.get(j);
            }
        });
        List<Result> results = new ArrayList<>(requests.size());
        boolean anyCharged = false;
        for (int i = 0; i < requests.size(); i++) {
            results.add(new Result(requests.get(i), outcomes[i]));
            anyCharged |= outcomes[i].status() != UsageOutcome.Status.REJECTED;
        }
        // one read of the store's latest position covers every account of the batch
        return new Results(results, anyCharged ? positions.latest() : 0);
    }

    private UsageRecord toRecord(UsageRequest request) {
        for (ConstraintViolation<UsageRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, field, field + ": " + violation.getMessage());
        }
        if (request.accountId() == null) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId", "accountId: must not be null");
        }
        Instant occurredAt = time.resolve(request.occurredAt(), "occurredAt");
        TokenCounts tokens = new TokenCounts(orZero(request.inputTokens()), orZero(request.cachedInputTokens()),
                orZero(request.outputTokens()));
        Credits amount;
        PriceList.PricedCall priced = null;
        if (request.amount() != null) {
            amount = Credits.of(request.amount());
            tokens = TokenCounts.NONE;
        } else {
            priced = rateCatalog.inForceAt(occurredAt).price(request.model(), tokens);
            amount = priced.amount();
        }
        String digest = RequestDigest.of(request.accountId(), request.idempotencyKey(), request.requestId(),
                request.apiKeyId(), request.model(), request.inputTokens(), request.cachedInputTokens(),
                request.outputTokens(), request.amount() == null ? null : amount, request.occurredAt());
        return new UsageRecord(request.idempotencyKey(), request.requestId(), request.apiKeyId(), request.model(),
                tokens, priced == null ? null : priced.pricing(), amount, occurredAt, digest);
    }

    private static long orZero(Long tokens) {
        return tokens == null ? 0 : tokens;
    }
}
