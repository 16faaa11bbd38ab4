package com.creditledger.command.model.recharge;

import com.creditledger.command.model.spend.MonthlySpend;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.recharge.RechargeSettings;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Auto-recharge: whether a decision that left the account low should ask the payment provider for
 * cash, and how much. One request at a time, sized to close the whole gap, so a burst of debits
 * below the threshold asks once (never once per debit); none within the cooldown of the last
 * completion, none that would take the month's cash past the cap; after {@code maxFailures} declines
 * in a row it stays off until a person enables it again. Immutable: every fact is a new state.
 *
 * @param committed cash per UTC month ({@code "2025-06"}) in requests not declined: in flight or completed
 */
public record AutoRecharge(RechargeSettings settings, boolean disabled, InFlight inFlight, int requested,
                           int consecutiveFailures, Instant lastCompletedAt, Map<String, Money> committed,
                           Map<String, Ended> ended) {

    public static final AutoRecharge NONE = new AutoRecharge(null, false, null, 0, 0, null, Map.of(), Map.of());

    private static final BigDecimal CENTS = BigDecimal.ONE.movePointLeft(Money.SCALE);

    /** The request the provider is working on. */
    public record InFlight(String requestId, Money amount, String month) {
    }

    /**
     * How a request ended: completed by top-up {@code topUpId}, or declined for {@code reason} as the
     * {@code failures}-th decline in a row (then {@code topUpId} is null).
     */
    public record Ended(String topUpId, String reason, int failures) {

        public boolean declined() {
            return topUpId == null;
        }
    }

    public AutoRecharge {
        committed = Map.copyOf(committed);
        ended = Map.copyOf(ended);
    }

    /** New settings; enabling them also ends a disablement, and with it the count of failures. */
    public AutoRecharge withSettings(RechargeSettings next) {
        boolean reenabled = next.enabled();
        return new AutoRecharge(next, disabled && !reenabled, inFlight, requested,
                reenabled ? 0 : consecutiveFailures, lastCompletedAt, committed, ended);
    }

    public boolean inForce() {
        return settings != null && settings.enabled() && !disabled;
    }

    /** The id the next request will have: the account's own, numbered, so a replay derives the same. */
    public String nextRequestId(String accountId) {
        return accountId + "-recharge-" + (requested + 1);
    }

    /** Cash to ask for now, or nothing: inactive, not low, one in flight, cooling down, or past the cap. */
    public Optional<Money> due(Credits available, Instant at) {
        if (!inForce() || inFlight != null || available.compareTo(settings.threshold()) >= 0) {
            return Optional.empty();
        }
        if (lastCompletedAt != null && at.isBefore(lastCompletedAt.plus(settings.cooldown()))) {
            return Optional.empty();
        }
        Money cash = sized(available);
        Money cap = settings.monthlyCap();
        if (cap != null && committedIn(MonthlySpend.monthOf(at).toString()).plus(cash).compareTo(cap) > 0) {
            return Optional.empty();
        }
        return Optional.of(cash);
    }

    /**
     * {@code rechargeTo}: the cash that buys the missing credits at face value, rounded up to the
     * cent. {@code amount}: that cash as many times as it takes to get back to the threshold, at least once.
     */
    private Money sized(Credits available) {
        if (settings.rechargeTo() != null) {
            return centsUp(settings.rechargeTo().minus(available));
        }
        Money gap = centsUp(settings.threshold().minus(available));
        long times = Math.max(1, (gap.cents() + settings.amount().cents() - 1) / settings.amount().cents());
        return new Money(Math.multiplyExact(settings.amount().cents(), times));
    }

    private static Money centsUp(Credits credits) {
        return Money.of(credits.toBigDecimal().divide(CENTS, 0, RoundingMode.CEILING).multiply(CENTS));
    }

    public Money committedIn(String month) {
        return committed.getOrDefault(month, Money.ZERO);
    }

    public AutoRecharge afterRequest(String requestId, Money amount, Instant at) {
        String month = MonthlySpend.monthOf(at).toString();
        Map<String, Money> nextCommitted = new HashMap<>(committed);
        nextCommitted.merge(month, amount, Money::plus);
        return new AutoRecharge(settings, disabled, new InFlight(requestId, amount, month), requested + 1,
                consecutiveFailures, lastCompletedAt, nextCommitted, ended);
    }

    /** Completion counts what the provider actually charged toward the month of the request. */
    public AutoRecharge afterCompletion(String requestId, String topUpId, Money charged, Instant at) {
        Map<String, Money> nextCommitted = new HashMap<>(committed);
        nextCommitted.merge(inFlight.month(), charged.minus(inFlight.amount()), Money::plus);
        return new AutoRecharge(settings, disabled, null, requested, 0, at, nextCommitted,
                endedWith(requestId, new Ended(topUpId, null, 0)));
    }

    public AutoRecharge afterFailure(String requestId, String reason, int failures) {
        Map<String, Money> nextCommitted = new HashMap<>(committed);
        nextCommitted.merge(inFlight.month(), Money.ZERO.minus(inFlight.amount()), Money::plus);
        return new AutoRecharge(settings, disabled, null, requested, failures, lastCompletedAt, nextCommitted,
                endedWith(requestId, new Ended(null, reason, failures)));
    }

    public AutoRecharge afterDisabling() {
        return new AutoRecharge(settings, true, inFlight, requested, consecutiveFailures, lastCompletedAt, committed,
                ended);
    }

    /** Whether {@code failures} declines in a row disable auto-recharge. */
    public boolean disablesAt(int failures) {
        return settings != null && failures >= settings.maxFailures();
    }

    /** How request {@code requestId} ended, if it did. */
    public Optional<Ended> endOf(String requestId) {
        return Optional.ofNullable(ended.get(requestId));
    }

    /**
     * The request a provider's answer is about, which must still be in flight.
     *
     * @throws LedgerRejection 404 for a request never made, 409 for one already answered
     */
    public InFlight answering(String requestId) {
        if (inFlight != null && inFlight.requestId().equals(requestId)) {
            return inFlight;
        }
        if (ended.containsKey(requestId)) {
            throw new LedgerRejection(RejectionCode.RECHARGE_NOT_IN_FLIGHT, "autoRechargeRequestId",
                    "auto-recharge request " + requestId + " was already answered");
        }
        throw new LedgerRejection(RejectionCode.RECHARGE_NOT_FOUND, "autoRechargeRequestId",
                "no auto-recharge request " + requestId);
    }

    private Map<String, Ended> endedWith(String requestId, Ended outcome) {
        Map<String, Ended> next = new HashMap<>(ended);
        next.put(requestId, outcome);
        return next;
    }
}
