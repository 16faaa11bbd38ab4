package com.creditledger.command.account;

import com.creditledger.command.model.lot.Lot;
import com.creditledger.command.model.lot.LotDraws;
import com.creditledger.command.model.refund.RefundPlan;
import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.command.model.topup.TopUpPlan;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.lot.CumulativeRounding;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The money rules over random histories: nothing created, nothing lost, nothing drawn that may not be. */
class LedgerRulesPropertyTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** Σ of a lot's cumulative-rounded releases, in any sizes, is exactly its cash once all is released. */
    @Property
    void aFullyReleasedLotHasRecognizedExactlyItsCash(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long cents,
                                                     @ForAll @LongRange(min = 1, max = 1_000_000_000_000_000L) long nanos,
                                                     @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 1000) Integer> weights) {
        Money cash = Money.of(BigDecimal.valueOf(cents, 2));
        Credits credits = new Credits(nanos);
        long totalWeight = weights.stream().mapToLong(Integer::longValue).sum();
        Credits released = Credits.ZERO;
        Money recognized = Money.ZERO;
        for (int i = 0; i < weights.size(); i++) {
            Credits part = i == weights.size() - 1 ? credits.minus(released)
                    : new Credits(BigInteger.valueOf(nanos).multiply(BigInteger.valueOf(weights.get(i)))
                    .divide(BigInteger.valueOf(totalWeight)).longValueExact());
            Money step = CumulativeRounding.releasing(cash, credits, released, part);
            assertThat(step.isNegative()).isFalse();
            recognized = recognized.plus(step);
            released = released.plus(part);
        }
        assertThat(recognized).isEqualTo(cash);
    }

    /** A top-up's cash is allocated to its lots and the receivable it settles, to the cent (the event checks it too). */
    @Property
    void allocationDistributesExactlyTheCash(@ForAll @LongRange(min = 1, max = 10_000_000L) long cents,
                                             @ForAll @LongRange(min = 0, max = 200_000_000_000L) long overageNanos,
                                             @ForAll @IntRange(min = 1, max = 24) int principalMonths,
                                             @ForAll @IntRange(min = 1, max = 24) int bonusMonths,
                                             @ForAll("packs") Money pack) {
        Money amount = cents % 3 == 0 ? pack : Money.of(BigDecimal.valueOf(cents, 2));
        Credits overage = new Credits(overageNanos);
        TopUpPurchased purchased = TopUpPlan.plan("a", new PurchaseTopUp("a", "t", amount, null, T0, null, null, 0, "d"),
                new CreditTerms(Period.ofMonths(principalMonths), Period.ofMonths(bonusMonths)),
                BonusSchedule.STANDARD, overage, Money.faceValueOf(overage));
        Money allocated = purchased.lots().stream().map(LotGranted::allocatedCash).reduce(Money.ZERO, Money::plus);
        assertThat(allocated.plus(purchased.receivableSettled())).isEqualTo(amount);
        assertThat(purchased.lots()).allSatisfy(lot -> assertThat(lot.allocatedCash().isNegative()).isFalse());
        assertThat(purchased.overageNetted()).isEqualTo(overage.min(purchased.totalCredits()));
    }

    /** Consumption draws only lots usable when the call occurred, soonest expiry first, and accounts for every credit. */
    @Property
    void consumptionNeverDrawsAnIneligibleLot(@ForAll("lots") List<Lot> lots,
                                              @ForAll @IntRange(min = 0, max = 800) int callHour,
                                              @ForAll @LongRange(min = 1, max = 500_000_000_000L) long amountNanos) {
        Instant at = T0.plus(Duration.ofHours(callHour));
        Credits amount = new Credits(amountNanos);
        Map<String, Lot> byId = lots.stream().collect(Collectors.toMap(Lot::lotId, lot -> lot));
        LotDraws drawn = LotDraws.draw(lots, amount, at);
        Credits total = drawn.uncovered();
        Instant previousExpiry = Instant.MIN;
        for (Draw draw : drawn.draws()) {
            Lot lot = byId.get(draw.lotId());
            assertThat(lot.isEligibleAt(at)).as(draw.lotId()).isTrue();
            assertThat(draw.credits().exceeds(lot.remaining())).isFalse();
            assertThat(lot.expiresAt()).isAfterOrEqualTo(previousExpiry);
            previousExpiry = lot.expiresAt();
            total = total.plus(draw.credits());
        }
        assertThat(total).isEqualTo(amount);
        if (drawn.uncovered().isPositive()) {
            assertThat(drawn.draws()).hasSize((int) lots.stream().filter(lot -> lot.isEligibleAt(at)).count());
        }
    }

    /** Refunding all that is left of a lot pays back exactly its cash not yet recognized: A − f(R). */
    @Property
    void refundOfEverythingLeftPaysTheRemainingDeferred(@ForAll @LongRange(min = 1, max = 100_000_000L) long cents,
                                                        @ForAll @LongRange(min = 2, max = 10_000_000_000_000L) long nanos,
                                                        @ForAll @IntRange(min = 0, max = 999) int usedPerMille) {
        Money cash = Money.of(BigDecimal.valueOf(cents, 2));
        Credits credits = new Credits(nanos);
        Lot lot = Lot.granted("t", new LotGranted("t.principal", LotKind.PRINCIPAL, credits, Credits.ZERO, cash, T0,
                T0.plus(Duration.ofDays(365)), 0));
        Credits used = new Credits(nanos / 1000 * usedPerMille);
        if (used.isPositive()) {
            lot = lot.afterRelease(used);
        }
        List<LotRefund> refund = RefundPlan.plan(List.of(lot), null, T0.plus(Duration.ofDays(1)));
        assertThat(refund).hasSize(1);
        assertThat(refund.get(0).credits()).isEqualTo(credits.minus(used));
        assertThat(refund.get(0).cash()).isEqualTo(cash.minus(CumulativeRounding.recognized(cash, credits, used)));
    }

    @Provide
    Arbitrary<Money> packs() {
        return Arbitraries.of("99.00", "499.00", "999.00", "4999.00", "9999.00").map(Money::of);
    }

    @Provide
    Arbitrary<List<Lot>> lots() {
        Arbitrary<Lot> lot = Combinators.combine(
                Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(1, 400),
                Arbitraries.longs().between(1, 100_000_000_000L),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(LotKind.values()),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(8)
        ).as((grantedHour, lifeHours, nanos, usedPercent, kind, id) -> {
            Instant granted = T0.plus(Duration.ofHours(grantedHour));
            Credits credits = new Credits(nanos);
            Lot made = Lot.granted(id, new LotGranted(id + "." + kind.name().toLowerCase(), kind, credits, Credits.ZERO,
                    Money.of("10.00"), granted, granted.plus(Duration.ofHours(lifeHours)), 0));
            Credits used = new Credits(nanos / 100 * usedPercent);
            if (used.isPositive()) {
                made = made.afterRelease(used);
            }
            return made;
        });
        return lot.list().ofMinSize(0).ofMaxSize(8).uniqueElements(Lot::lotId).map(ArrayList::new);
    }
}
