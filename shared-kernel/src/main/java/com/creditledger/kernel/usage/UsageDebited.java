package com.creditledger.kernel.usage;

import com.creditledger.kernel.Invariants;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One API call charged. Prepaid usage draws from lots; what lots do not cover is {@code overage}
 * (revenue at list price against the overage receivable). Postpaid usage draws nothing and its
 * whole amount is {@code postpaidRevenue} against unbilled receivables. A capture names its hold
 * ({@code reservationId}); {@code beyondHold} flags a capture whose overage went past the account's
 * overdraft limit, because a delivered call is always billed. {@code invoiceMonth} is the month a
 * postpaid call is invoiced in: its own, unless that month's invoice was already issued (null in
 * events recorded before invoices were issued: its own month).
 */
public record UsageDebited(String accountId,
                           String idempotencyKey,
                           String requestId,
                           String apiKeyId,
                           String model,
                           TokenCounts tokens,
                           Pricing pricing,
                           Credits amount,
                           Instant occurredAt,
                           List<Draw> draws,
                           Credits overage,
                           Money overageRevenue,
                           Money postpaidRevenue,
                           String requestDigest,
                           String reservationId,
                           boolean beyondHold,
                           String invoiceMonth) {

    /**
     * Prepaid: the draws and the overage make up the amount, nothing is invoiced. Postpaid: nothing
     * is drawn and no overage arises; the amount is invoiced. Revenue is never negative.
     */
    public UsageDebited {
        Invariants.check(!amount.isNegative() && !overage.isNegative(), () -> "usage amount and overage are not negative");
        Invariants.check(!overageRevenue.isNegative() && !postpaidRevenue.isNegative(), () -> "usage revenue is not negative");
        Credits drawn = drawn(draws);
        boolean prepaid = drawn.plus(overage).equals(amount) && postpaidRevenue.isZero();
        boolean postpaid = draws.isEmpty() && overage.isZero() && overageRevenue.isZero();
        Invariants.check(prepaid || postpaid, () -> "draws " + drawn + " + overage " + overage + " = amount " + amount
                + " of usage " + idempotencyKey + ", or a postpaid charge");
        draws = List.copyOf(draws);
        Invariants.check(!beyondHold || reservationId != null, () -> "only a capture goes beyond its hold");
        Invariants.check(invoiceMonth == null || postpaid, () -> "only postpaid usage is invoiced");
    }

    /** What the call took from the balance: its draws and its overage (postpaid usage takes nothing). */
    public Credits balanceCharged() {
        return drawn(draws).plus(overage);
    }

    private static Credits drawn(List<Draw> draws) {
        return draws.stream().map(Draw::credits).reduce(Credits.ZERO, Credits::plus);
    }

    public UsageDebited(String accountId, String idempotencyKey, String requestId, String apiKeyId, String model,
                        TokenCounts tokens, Pricing pricing, Credits amount, Instant occurredAt, List<Draw> draws,
                        Credits overage, Money overageRevenue, Money postpaidRevenue, String requestDigest,
                        String reservationId, boolean beyondHold) {
        this(accountId, idempotencyKey, requestId, apiKeyId, model, tokens, pricing, amount, occurredAt, draws, overage,
                overageRevenue, postpaidRevenue, requestDigest, reservationId, beyondHold, null);
    }

    /** The invoice month of a postpaid call ({@code YYYY-MM}). */
    public String billedIn() {
        return invoiceMonth != null ? invoiceMonth : YearMonth.from(occurredAt.atOffset(ZoneOffset.UTC)).toString();
    }

    /** An ordinary debit, not against a hold. */
    public UsageDebited(String accountId, String idempotencyKey, String requestId, String apiKeyId, String model,
                        TokenCounts tokens, Pricing pricing, Credits amount, Instant occurredAt, List<Draw> draws,
                        Credits overage, Money overageRevenue, Money postpaidRevenue, String requestDigest) {
        this(accountId, idempotencyKey, requestId, apiKeyId, model, tokens, pricing, amount, occurredAt, draws, overage,
                overageRevenue, postpaidRevenue, requestDigest, null, false);
    }
}
