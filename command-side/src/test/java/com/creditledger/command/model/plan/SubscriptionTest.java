package com.creditledger.command.model.plan;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.plan.PlanSet;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plan terms over months: start at a month start to come, change and end only at a month not yet billed. */
class SubscriptionTest {

    private static final Instant JAN_15 = Instant.parse("2025-01-15T00:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2025-02-01T00:00:00Z");

    private static PlanSet plan(String fee, Instant startsAt, Instant at) {
        return new PlanSet("acme", Money.of(fee), Credits.of("120"), startsAt, 30, at, null);
    }

    @Test
    void aPlanStartsAtAMonthStartStillToCome() {
        Subscription none = Subscription.NONE;
        none.requireStart(FEB_1, JAN_15);
        none.requireStart(FEB_1, FEB_1); // the month starting now has not been billed
        assertThatThrownBy(() -> none.requireStart(Instant.parse("2025-01-01T00:00:00Z"), JAN_15))
                .isInstanceOf(LedgerRejection.class);
        assertThatThrownBy(() -> none.requireStart(Instant.parse("2025-02-02T00:00:00Z"), JAN_15))
                .isInstanceOf(LedgerRejection.class);
    }

    @Test
    void newTermsFollowTheBilledMonthsFromTheirOwnStart() {
        Subscription billed = Subscription.NONE.afterSet(plan("100.00", FEB_1, JAN_15))
                .afterRenewed(YearMonth.of(2025, 2));
        assertThat(billed.nextRenewal()).isEqualTo("2025-03");
        Subscription changed = billed.afterSet(plan("150.00", Instant.parse("2025-04-01T00:00:00Z"),
                Instant.parse("2025-02-10T00:00:00Z")));
        assertThat(changed.termsFor(YearMonth.of(2025, 3)).monthlyFee()).isEqualTo(Money.of("100.00"));
        assertThat(changed.termsFor(YearMonth.of(2025, 4)).monthlyFee()).isEqualTo(Money.of("150.00"));
        assertThat(changed.afterRenewed(YearMonth.of(2025, 3)).afterRenewed(YearMonth.of(2025, 4)).current()
                .monthlyFee()).isEqualTo(Money.of("150.00"));
    }

    @Test
    void aCancelledPlanBillsNothingFromItsEnd() {
        Subscription billed = Subscription.NONE.afterSet(plan("100.00", FEB_1, JAN_15))
                .afterRenewed(YearMonth.of(2025, 2));
        Instant ends = Subscription.startOf(billed.firstChangeable(Instant.parse("2025-02-10T00:00:00Z")));
        assertThat(ends).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(billed.afterCancelled(ends).nextRenewal()).isNull();
        assertThat(billed.afterCancelled(ends).termsFor(YearMonth.of(2025, 3))).isNull();
    }

    @Test
    void includedCreditExpiresAtTheMonthsLastMicrosecond() {
        assertThat(Subscription.lastInstantOf(YearMonth.of(2025, 2))).isEqualTo(Instant.parse("2025-02-28T23:59:59.999999Z"));
    }
}
