package com.creditledger.command.usage;

import com.creditledger.command.http.BusinessTime;
import com.creditledger.command.http.Identifiers;
import com.creditledger.command.idempotency.RequestDigest;
import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.command.ratecard.RateCatalog;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import com.creditledger.kernel.value.Credits;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes usage records, one or a batch, to their accounts: each record is validated and priced on
 * its own, then the records go, a unit per account, into the ledger-wide {@link UsageQueue}, so a
 * batch, or many concurrent single calls, share one transaction. Every record gets its own outcome.
 */
@Component
public class UsageIntake {

    private final UsageQueue queue;
    private final RateCatalog rateCatalog;
    private final BusinessTime time;
    private final Validator validator;
    private final UsageMeters meters;

    UsageIntake(UsageQueue queue, RateCatalog rateCatalog, BusinessTime time, Validator validator, UsageMeters meters) {
        this.queue = queue;
        this.rateCatalog = rateCatalog;
        this.time = time;
        this.validator = validator;
        this.meters = meters;
    }

    /** The outcome of one request, in the order the requests came. */
    public record Result(UsageRequest request, UsageOutcome outcome) {
    }

    /** The outcomes, and the event-store position covering every record charged (0 when none was). */
    public record Results(List<Result> results, long position) {
    }

    /** Calls as sent, each validated here: a batch's records, a CloudEvent's mapped calls. */
    public Results record(List<UsageRequest> requests) {
        return record(requests, this::validate);
    }

    /**
     * One call the web layer has validated already ({@code @Valid}, or a direct route doing as it
     * does), for the account its path names: only that account id is left to check. Validating the
     * whole call a second time cost a single debit 6% of the command side's CPU, and the validator
     * checking the id alone still 4.5% (docs/benchmarks, eighth cut): the id's shape is matched here.
     */
    public Results recordValidated(UsageRequest request) {
        return record(List.of(request), call -> {
            if (call.accountId() != null && !Identifiers.isId(call.accountId())) {
                throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId", "accountId: " + Identifiers.MESSAGE);
            }
        });
    }

    private Results record(List<UsageRequest> requests, Consumer<UsageRequest> validation) {
        UsageOutcome[] outcomes = new UsageOutcome[requests.size()];
        Map<String, List<Integer>> indexesByAccount = new LinkedHashMap<>();
        Map<String, List<UsageRecord>> recordsByAccount = new LinkedHashMap<>();
        RateCatalog.Cards cards = rateCatalog.current();
        for (int i = 0; i < requests.size(); i++) {
            UsageRequest request = requests.get(i);
            try {
                UsageRecord record = toRecord(request, cards, validation);
                indexesByAccount.computeIfAbsent(request.accountId(), id -> new ArrayList<>()).add(i);
                recordsByAccount.computeIfAbsent(request.accountId(), id -> new ArrayList<>()).add(record);
            } catch (LedgerRejection rejection) {
                outcomes[i] = UsageOutcome.rejected(rejection);
            }
        }
        long position = 0;
        for (Map.Entry<String, UsageQueue.Charged> charged : queue.charge(recordsByAccount).entrySet()) {
            List<Integer> indexes = indexesByAccount.get(charged.getKey());
            for (int j = 0; j < indexes.size(); j++) {
                outcomes[indexes.get(j)] = charged.getValue().outcomes().get(j);
            }
            position = Math.max(position, charged.getValue().position());
        }
        List<Result> results = new ArrayList<>(requests.size());
        boolean anyCharged = false;
        for (int i = 0; i < requests.size(); i++) {
            results.add(new Result(requests.get(i), outcomes[i]));
            anyCharged |= outcomes[i].status() != UsageOutcome.Status.REJECTED;
        }
        meters.outcomes(List.of(outcomes));
        return new Results(results, anyCharged ? position : 0);
    }

    /**
     * A capture of a hold: priced and queued like any call, so it shares its account's transaction
     * and its idempotency key's receipt; the fingerprint covers the hold and {@code final} too.
     */
    public Results capture(UsageRequest request, String reservationId, boolean finalCapture) {
        UsageRecord record;
        try {
            UsageRecord call = toRecord(request, rateCatalog.current(), this::validate);
            record = new UsageRecord(call.idempotencyKey(), call.requestId(), call.apiKeyId(), call.model(), call.tokens(),
                    call.pricing(), call.amount(), call.occurredAt(),
                    RequestDigest.of(call.requestDigest(), reservationId, finalCapture), reservationId, finalCapture);
        } catch (LedgerRejection rejection) {
            UsageOutcome refused = UsageOutcome.rejected(rejection);
            meters.outcomes(List.of(refused));
            return new Results(List.of(new Result(request, refused)), 0);
        }
        UsageQueue.Charged charged = queue.charge(Map.of(request.accountId(), List.of(record))).get(request.accountId());
        UsageOutcome outcome = charged.outcomes().get(0);
        meters.outcomes(List.of(outcome));
        return new Results(List.of(new Result(request, outcome)),
                outcome.status() == UsageOutcome.Status.REJECTED ? 0 : charged.position());
    }

    private void validate(UsageRequest request) {
        for (ConstraintViolation<UsageRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, field, field + ": " + violation.getMessage());
        }
    }

    private UsageRecord toRecord(UsageRequest request, RateCatalog.Cards cards, Consumer<UsageRequest> validation) {
        validation.accept(request);
        if (request.accountId() == null) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "accountId", "accountId: must not be null");
        }
        Instant occurredAt = time.resolve(request.occurredAt(), "occurredAt");
        TokenCounts tokens = TokenCounts.sent(request.inputTokens(), request.cachedInputTokens(), request.outputTokens());
        Credits amount;
        PriceList.PricedCall priced = null;
        if (request.amount() != null) {
            amount = Credits.of(request.amount());
            tokens = TokenCounts.NONE;
        } else {
            priced = cards.inForceAt(occurredAt).price(request.model(), tokens);
            amount = priced.amount();
        }
        String digest = request.fingerprint();
        return new UsageRecord(request.idempotencyKey(), request.requestId(), request.apiKeyId(), request.model(),
                tokens, priced == null ? null : priced.pricing(), amount, occurredAt, digest);
    }
}
