package com.creditledger.kernel;

import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An event that does not add up cannot be constructed (nor read back from the store). */
class EventsAddUpTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
    private static final LotGranted LOT = new LotGranted("t.combined", LotKind.COMBINED, Credits.of("1058.94"),
            Credits.ZERO, Money.of("999.00"), T, T.plusSeconds(86_400), 0);

    @Test
    void usageIsItsDrawsPlusItsOverage() {
        assertThatCode(() -> usage("2.50", List.of(new Draw("t.combined", Credits.of("2.00"), Money.of("1.89"))),
                "0.50", "0.50", "0.00")).doesNotThrowAnyException();
        assertThatThrownBy(() -> usage("2.50", List.of(new Draw("t.combined", Credits.of("2.00"), Money.of("1.89"))),
                "0.00", "0.00", "0.00")).isInstanceOf(IllegalStateException.class).hasMessageContaining("amount 2.50");
    }

    @Test
    void postpaidUsageDrawsNothingAndIsInvoiced() {
        assertThatCode(() -> usage("2.50", List.of(), "0.00", "0.00", "2.50")).doesNotThrowAnyException();
        assertThatThrownBy(() -> usage("2.50", List.of(new Draw("t.combined", Credits.of("2.50"), Money.of("2.36"))),
                "0.00", "0.00", "2.50")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTopUpsCashIsAllocatedOrSettlesTheReceivable() {
        assertThatCode(() -> topUp("999.00", "0.00")).doesNotThrowAnyException();
        assertThatThrownBy(() -> topUp("999.00", "0.01")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("= paid 999.00");
    }

    @Test
    void aRefundIsTheSumOfItsLots() {
        LotRefund part = new LotRefund("t.combined", Credits.of("100.00"), Money.of("94.34"));
        assertThatCode(() -> refund(Credits.of("100.00"), Money.of("94.34"), part)).doesNotThrowAnyException();
        assertThatThrownBy(() -> refund(Credits.of("100.00"), Money.of("94.35"), part))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void signsAreChecked() {
        assertThatThrownBy(() -> new Draw("t.combined", Credits.ZERO, Money.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new LotGranted("x", LotKind.PRINCIPAL, Credits.of("10"), Credits.of("11"), Money.ZERO,
                T, T.plusSeconds(1), 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new LotGranted("x", LotKind.PRINCIPAL, Credits.of("10"), Credits.ZERO, Money.ZERO,
                T, T, 0)).isInstanceOf(IllegalStateException.class);
    }

    private static UsageDebited usage(String amount, List<Draw> draws, String overage, String overageRevenue,
                                      String postpaidRevenue) {
        return new UsageDebited("a", "k", null, null, null, TokenCounts.NONE, null, Credits.of(amount), T, draws,
                Credits.of(overage), Money.of(overageRevenue), Money.of(postpaidRevenue), "d");
    }

    private static TopUpPurchased topUp(String amount, String settled) {
        return new TopUpPurchased("a", "t", Money.of(amount), null, T, Credits.of("59.94"), Credits.of("1058.94"),
                Credits.ZERO, Money.of(settled), List.of(LOT), "d");
    }

    private static Refunded refund(Credits credits, Money cash, LotRefund part) {
        return new Refunded("a", "r", "t", credits, cash, List.of(part), null, T, "d", "k", null);
    }
}
