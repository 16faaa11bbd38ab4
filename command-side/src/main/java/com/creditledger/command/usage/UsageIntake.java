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
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Takes usage records, one or a batch, to their accounts: each record is validated and priced on
 * its own, then the records go, a unit per account, into the ledger-wide {@link UsageQueue}, so a
 * batch, or many concurrent single calls, share one transaction. Every record gets its own outcome.
 */
@Component
public class UsageIntake {

    /** Rate cards published while a call is being priced send it back this many times at most. */
    private static final int MAX_PRICINGS = 5;

    /** Calls priced by one set of cards: their indexes and records by account, and whether any was refused. */
    private record Priced(RateCatalog.Cards cards, Map<String, List<Integer>> indexesByAccount,
                          Map<String, List<UsageRecord>> recordsByAccount, boolean refusedAny) {
    }

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
        return record(requests, this::validate, UnaryOperator.identity());
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
        }, UnaryOperator.identity());
    }

    /**
     * Prices the calls by the cards this node knows and queues them; a call is refused only by the
     * cards read through (the model may be on a card this node has not loaded), and an account
     * whose group found more cards published is priced again by the cards read through. Each
     * priced call becomes its record through {@code asCharged} (a capture adds its hold).
     */
    private Results record(List<UsageRequest> requests, Consumer<UsageRequest> validation,
                           UnaryOperator<UsageRecord> asCharged) {
        UsageOutcome[] outcomes = new UsageOutcome[requests.size()];
        List<Integer> all = IntStream.range(0, requests.size()).boxed().toList();
        Priced priced = price(requests, all, rateCatalog.known(), validation, asCharged, outcomes);
        if (priced.refusedAny()) {
            priced = price(requests, all, rateCatalog.current(), validation, asCharged, outcomes);
        }
        long position = 0;
        for (int pricings = 1; ; pricings++) {
            Map<String, UsageQueue.Charged> charged = queue.charge(priced.recordsByAccount(), priced.cards().published());
            List<Integer> outdated = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> account : priced.indexesByAccount().entrySet()) {
                List<Integer> indexes = account.getValue();
                UsageQueue.Charged decided = charged.get(account.getKey());
                if (decided == null) {
                    outdated.addAll(indexes);
                    continue;
                }
                for (int j = 0; j < indexes.size(); j++) {
                    outcomes[indexes.get(j)] = decided.outcomes().get(j);
                }
                position = Math.max(position, decided.position());
            }
            if (outdated.isEmpty()) {
                break;
            }
            if (pricings == MAX_PRICINGS) {
                throw new IllegalStateException("rate cards were published " + MAX_PRICINGS + " times while pricing");
            }
            priced = price(requests, outdated, rateCatalog.current(), validation, asCharged, outcomes);
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

    /** The calls at these indexes priced by {@code cards}, by account; the refused ones' outcomes are set. */
    private Priced price(List<UsageRequest> requests, List<Integer> indexes, RateCatalog.Cards cards,
                         Consumer<UsageRequest> validation, UnaryOperator<UsageRecord> asCharged,
                         UsageOutcome[] outcomes) {
        Map<String, List<Integer>> indexesByAccount = new LinkedHashMap<>();
        Map<String, List<UsageRecord>> recordsByAccount = new LinkedHashMap<>();
        boolean refusedAny = false;
        for (int i : indexes) {
            UsageRequest request = requests.get(i);
            try {
                UsageRecord record = asCharged.apply(toRecord(request, cards, validation));
                indexesByAccount.computeIfAbsent(request.accountId(), id -> new ArrayList<>()).add(i);
                recordsByAccount.computeIfAbsent(request.accountId(), id -> new ArrayList<>()).add(record);
            } catch (LedgerRejection rejection) {
                outcomes[i] = UsageOutcome.rejected(rejection);
                refusedAny = true;
            }
        }
        return new Priced(cards, indexesByAccount, recordsByAccount, refusedAny);
    }

    /**
     * A capture of a hold: priced and queued like any call, so it shares its account's transaction
     * and its idempotency key's receipt; the fingerprint covers the hold and {@code final} too.
     */
    public Results capture(UsageRequest request, String reservationId, boolean finalCapture) {
        return record(List.of(request), this::validate, call -> new UsageRecord(call.idempotencyKey(), call.requestId(),
                call.apiKeyId(), call.model(), call.tokens(), call.pricing(), call.amount(), call.occurredAt(),
                RequestDigest.of(call.requestDigest(), reservationId, finalCapture), reservationId, finalCapture));
    }

    private void validate(UsageRequest request) {
        if (request.plainlyValid()) {
            return;
        }
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
