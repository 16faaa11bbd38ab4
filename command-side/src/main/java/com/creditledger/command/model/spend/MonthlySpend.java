package com.creditledger.command.model.spend;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.value.Credits;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The spend limit: credits debited per UTC calendar month of business time ({@code "2025-06"} →
 * credits), against an optional monthly limit. A debit or hold that would take the month's spend
 * (debited + held) past the limit is refused before anything is recorded, so the limit holds
 * exactly, not after the fact. Immutable: a debit or a new limit is a new state.
 */
public record MonthlySpend(Credits limit, Map<String, Credits> debited) {

    public static final MonthlySpend NONE = new MonthlySpend(null, Map.of());

    public MonthlySpend {
        debited = Map.copyOf(debited);
    }

    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    public MonthlySpend limitedTo(Credits monthly) {
        return new MonthlySpend(monthly, debited);
    }

    public MonthlySpend afterDebit(Instant at, Credits amount) {
        Map<String, Credits> next = new HashMap<>(debited);
        next.merge(monthOf(at).toString(), amount, Credits::plus);
        return new MonthlySpend(limit, next);
    }

    /** Debited in {@code month} plus {@code held} there by open holds. */
    public Credits spentIn(YearMonth month, Credits held) {
        return debited.getOrDefault(month.toString(), Credits.ZERO).plus(held);
    }

    /** @param held what open holds count toward the month of {@code at} */
    public void admit(Instant at, Credits amount, Credits held) {
        if (limit == null) {
            return;
        }
        Credits after = spentIn(monthOf(at), held).plus(amount);
        if (after.exceeds(limit)) {
            throw new LedgerRejection(RejectionCode.SPEND_LIMIT_REACHED, "amount", "this would make the month's spend "
                    + after + " credits; the monthly limit is " + limit);
        }
    }
}
