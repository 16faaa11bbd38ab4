package com.creditledger.command.account;

import com.creditledger.command.model.pricing.PriceList;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.account.OpenAccount;
import com.creditledger.kernel.reservation.Backing;
import com.creditledger.kernel.reservation.CreditReserved;
import com.creditledger.kernel.reservation.Earmark;
import com.creditledger.kernel.reservation.ExpireReservation;
import com.creditledger.kernel.reservation.ReleaseReservation;
import com.creditledger.kernel.reservation.ReservationCaptured;
import com.creditledger.kernel.reservation.ReservationExpired;
import com.creditledger.kernel.reservation.ReservationReleased;
import com.creditledger.kernel.reservation.ReserveCredit;
import com.creditledger.kernel.spendlimit.SetSpendLimit;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.usage.Draw;
import com.creditledger.kernel.usage.Pricing;
import com.creditledger.kernel.usage.RecordUsage;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.usage.UsageDebited;
import com.creditledger.kernel.usage.UsageOutcome;
import com.creditledger.kernel.usage.UsageRecord;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds for streaming calls and the monthly spend limit, one given/when/then per rule, with real numbers. */
class HoldsTest {

    private static final String ACCOUNT = "acme";
    private static final Instant JAN_1 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2025-02-01T10:00:00Z");
    private static final Instant TEN_MINUTES_LATER = FEB_1.plus(Duration.ofMinutes(10));

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccountFixture.create();
    }

    private static OpenAccount open() {
        return new OpenAccount(ACCOUNT, "USD", BillingMode.PREPAID, Credits.ZERO, CreditTerms.DEFAULT, JAN_1);
    }

    private static PurchaseTopUp topUp(String topUpId, String amount, Instant at, Instant principalExpiresAt) {
        return new PurchaseTopUp(ACCOUNT, topUpId, Money.of(amount), null, at, principalExpiresAt, null, 0, "d-" + topUpId);
    }

    private static ReserveCredit reserve(String reservationId, String amount) {
        return new ReserveCredit(ACCOUNT, reservationId, null, TokenCounts.NONE, null, Credits.of(amount), FEB_1,
                TEN_MINUTES_LATER, "d-" + reservationId + "-" + amount);
    }

    private static CreditReserved reserved(String reservationId, String amount, Backing backing) {
        return new CreditReserved(ACCOUNT, reservationId, null, TokenCounts.NONE, null, Credits.of(amount), backing,
                FEB_1, TEN_MINUTES_LATER, "d-" + reservationId + "-" + amount);
    }

    private static Backing on(String lotId, String credits) {
        return new Backing(List.of(new Earmark(lotId, Credits.of(credits))), Credits.ZERO);
    }

    private static UsageRecord capture(String key, String reservationId, String amount, boolean finalCapture) {
        return new UsageRecord(key, "req-" + key, null, null, TokenCounts.NONE, null, Credits.of(amount), FEB_1.plusSeconds(60),
                "d-" + key, reservationId, finalCapture);
    }

    private static UsageRecord call(String key, String amount) {
        return new UsageRecord(key, "req-" + key, null, null, TokenCounts.NONE, null, Credits.of(amount), FEB_1, "d-" + key);
    }

    private static UsageDebited captured(UsageRecord usage, String overage, String overageRevenue, boolean beyondHold,
                                         Draw... draws) {
        return new UsageDebited(ACCOUNT, usage.idempotencyKey(), usage.requestId(), null, null, TokenCounts.NONE, null,
                usage.amount(), usage.occurredAt(), List.of(draws), Credits.of(overage), Money.of(overageRevenue),
                Money.ZERO, usage.requestDigest(), usage.reservationId(), beyondHold);
    }

    private static Draw draw(String lotId, String credits, String revenue) {
        return new Draw(lotId, Credits.of(credits), Money.of(revenue));
    }

    @Test
    void holdForFiftyThousandInputAndAtMostFourThousandOutputTokensOfGpt54Is0148() {
        PriceList.PricedCall priced = PriceList.STANDARD.price("gpt-5.4", new TokenCounts(50_000, 0, 4_000));
        assertThat(priced.amount()).isEqualTo(Credits.of("0.148"));
        Pricing pricing = priced.pricing();
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null))
                .when(new ReserveCredit(ACCOUNT, "r1", "gpt-5.4", new TokenCounts(50_000, 0, 4_000), pricing,
                        priced.amount(), FEB_1, TEN_MINUTES_LATER, "d-r1"))
                .expectEvents(new CreditReserved(ACCOUNT, "r1", "gpt-5.4", new TokenCounts(50_000, 0, 4_000), pricing,
                        Credits.of("0.148"), on("t1.principal", "0.148"), FEB_1, TEN_MINUTES_LATER, "d-r1"));
    }

    @Test
    void aLotExpiringBeforeTheHoldDoesNotBackIt() {
        Instant fiveMinutesLater = FEB_1.plus(Duration.ofMinutes(5));
        fixture.givenCommands(open(), topUp("soon", "100.00", JAN_1, fiveMinutesLater), topUp("later", "100.00", JAN_1, null))
                .when(reserve("r1", "30.00"))
                .expectEvents(reserved("r1", "30.00", on("later.principal", "30.00")));
        fixture.givenCommands(open(), topUp("soon", "100.00", JAN_1, fiveMinutesLater))
                .when(reserve("r1", "30.00"))
                .expectNoEvents()
                .expectException(CreditAccountTest.rejected(RejectionCode.INSUFFICIENT_CREDIT));
    }

    @Test
    void heldCreditIsNotAvailableToOtherDebits() {
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"))
                .when(new RecordUsage(ACCOUNT, List.of(call("k1", "20.01"))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(outcomes(RejectionCode.INSUFFICIENT_CREDIT));
    }

    @Test
    void aCaptureBelowTheHoldReleasesTheRest() {
        UsageRecord capture = capture("k1", "r1", "0.10", true);
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "0.148"))
                .when(new RecordUsage(ACCOUNT, List.of(capture)))
                .expectEvents(new ReservationCaptured(ACCOUNT, "r1", "k1", Credits.of("0.10"), Credits.of("0.048"),
                                Credits.ZERO, Backing.NONE, true, capture.occurredAt()),
                        captured(capture, "0", "0", false, draw("t1.principal", "0.10", "0.10")));
    }

    @Test
    void aPartialCaptureKeepsTheRestHeld() {
        UsageRecord capture = capture("k1", "r1", "0.40", false);
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "1.00"))
                .when(new RecordUsage(ACCOUNT, List.of(capture)))
                .expectEvents(new ReservationCaptured(ACCOUNT, "r1", "k1", Credits.of("0.40"), Credits.ZERO,
                                Credits.of("0.60"), on("t1.principal", "0.60"), false, capture.occurredAt()),
                        captured(capture, "0", "0", false, draw("t1.principal", "0.40", "0.40")));
    }

    @Test
    void aCaptureAboveTheHoldDrawsFreeCredit() {
        UsageRecord capture = capture("k1", "r1", "1.50", true);
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "1.00"))
                .when(new RecordUsage(ACCOUNT, List.of(capture)))
                .expectEvents(new ReservationCaptured(ACCOUNT, "r1", "k1", Credits.of("1.00"), Credits.ZERO,
                                Credits.ZERO, Backing.NONE, true, capture.occurredAt()),
                        captured(capture, "0", "0", false, draw("t1.principal", "1.50", "1.50")));
    }

    @Test
    void aDeliveredCallBeyondAllCreditOfAHardStopAccountIsOverageFlaggedBeyondHold() {
        UsageRecord capture = capture("k1", "r1", "12.00", true);
        fixture.givenCommands(open(), topUp("t1", "10.00", JAN_1, null), reserve("r1", "10.00"))
                .when(new RecordUsage(ACCOUNT, List.of(capture)))
                .expectEvents(new ReservationCaptured(ACCOUNT, "r1", "k1", Credits.of("10.00"), Credits.ZERO,
                                Credits.ZERO, Backing.NONE, true, capture.occurredAt()),
                        captured(capture, "2.00", "2.00", true, draw("t1.principal", "10.00", "10.00")));
    }

    @Test
    void aReleasedHoldGivesItsCreditBackAndCannotBeCaptured() {
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"))
                .when(new ReleaseReservation(ACCOUNT, "r1", FEB_1.plusSeconds(5)))
                .expectEvents(new ReservationReleased(ACCOUNT, "r1", Credits.of("80.00"), FEB_1.plusSeconds(5)));
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"),
                        new ReleaseReservation(ACCOUNT, "r1", FEB_1.plusSeconds(5)))
                .when(new RecordUsage(ACCOUNT, List.of(capture("k1", "r1", "1.00", true))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(outcomes(RejectionCode.RESERVATION_NOT_OPEN));
    }

    @Test
    void aHoldStillOpenAtItsExpiryExpiresAtExactlyThatInstantOnce() {
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"))
                .when(new ExpireReservation(ACCOUNT, "r1", TEN_MINUTES_LATER.plusSeconds(3600)))
                .expectEvents(new ReservationExpired(ACCOUNT, "r1", Credits.of("80.00"), TEN_MINUTES_LATER));
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"),
                        new ExpireReservation(ACCOUNT, "r1", TEN_MINUTES_LATER))
                .when(new ExpireReservation(ACCOUNT, "r1", TEN_MINUTES_LATER.plusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void aCaptureAfterExpiryIsAnOrdinaryDebit() {
        UsageRecord late = capture("k1", "r1", "5.00", true);
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"),
                        new ExpireReservation(ACCOUNT, "r1", TEN_MINUTES_LATER))
                .when(new RecordUsage(ACCOUNT, List.of(late)))
                .expectEvents(captured(late, "0", "0", false, draw("t1.principal", "5.00", "5.00")));
    }

    @Test
    void theSameReservationAgainIsAnsweredAgainWithoutASecondHold() {
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"))
                .when(reserve("r1", "80.00"))
                .expectNoEvents();
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null), reserve("r1", "80.00"))
                .when(reserve("r1", "81.00"))
                .expectNoEvents()
                .expectException(CreditAccountTest.rejected(RejectionCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aSpendLimitOfTenRefusesTheDebitThatWouldMake1001AndAcceptsTheOneThatMakesExactlyTen() {
        UsageRecord exactly = call("k3", "0.01");
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null),
                        new SetSpendLimit(ACCOUNT, Credits.of("10.00"), JAN_1),
                        new RecordUsage(ACCOUNT, List.of(call("k1", "9.99"))))
                .when(new RecordUsage(ACCOUNT, List.of(call("k2", "0.02"), exactly)))
                .expectEvents(new UsageDebited(ACCOUNT, "k3", "req-k3", null, null, TokenCounts.NONE, null,
                        Credits.of("0.01"), FEB_1, List.of(draw("t1.principal", "0.01", "0.01")), Credits.ZERO,
                        Money.ZERO, Money.ZERO, "d-k3"))
                .expectResultMessagePayloadMatching(outcomes(RejectionCode.SPEND_LIMIT_REACHED, null));
    }

    @Test
    void holdsCountTowardTheSpendLimitAndTheirCaptureAlwaysSucceeds() {
        fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1, null),
                        new SetSpendLimit(ACCOUNT, Credits.of("10.00"), JAN_1), reserve("r1", "8.00"))
                .when(new RecordUsage(ACCOUNT, List.of(call("k1", "2.01"), capture("k2", "r1", "9.00", true))))
                .expectResultMessagePayloadMatching(outcomes(RejectionCode.SPEND_LIMIT_REACHED, null));
    }

    private static org.hamcrest.Matcher<Object> outcomes(RejectionCode... codes) {
        return Matchers.predicate(result -> {
            List<?> outcomes = (List<?>) result;
            return outcomes.stream().map(o -> ((UsageOutcome) o).rejection()).toList().equals(Arrays.asList(codes));
        });
    }
}
