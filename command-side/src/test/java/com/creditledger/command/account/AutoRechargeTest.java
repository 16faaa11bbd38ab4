package com.creditledger.command.account;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.account.OpenAccount;
import com.creditledger.kernel.alert.BalanceThresholdCrossed;
import com.creditledger.kernel.alert.Direction;
import com.creditledger.kernel.alert.SetAlertRules;
import com.creditledger.kernel.recharge.AutoRechargeCompleted;
import com.creditledger.kernel.recharge.AutoRechargeDisabled;
import com.creditledger.kernel.recharge.AutoRechargeFailed;
import com.creditledger.kernel.recharge.AutoRechargeRequested;
import com.creditledger.kernel.recharge.FailAutoRecharge;
import com.creditledger.kernel.recharge.RechargeSettings;
import com.creditledger.kernel.recharge.SetAutoRecharge;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.usage.RecordUsage;
import com.creditledger.kernel.usage.TokenCounts;
import com.creditledger.kernel.usage.UsageRecord;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Auto-recharge asks once for the whole gap, waits for the answer, cools down, stays under the
 * monthly cap, and turns itself off after declines in a row; and the balance alerts it rests on
 * fire once per crossing.
 */
class AutoRechargeTest {

    private static final String ACCOUNT = "acme";
    private static final Instant JAN_1 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2025-02-01T10:00:00Z");
    private static final String FIRST = "acme-recharge-1";

    private FixtureConfiguration<CreditAccount> fixture;
    private int keys;

    @BeforeEach
    void setUp() {
        fixture = AccountFixture.create();
    }

    private static OpenAccount open() {
        return new OpenAccount(ACCOUNT, "USD", BillingMode.PREPAID, Credits.ZERO, CreditTerms.DEFAULT, JAN_1);
    }

    private static PurchaseTopUp topUp(String topUpId, String amount, String rechargeRequest, Instant at) {
        return new PurchaseTopUp(ACCOUNT, topUpId, Money.of(amount), null, at, null, null, 0, "d-" + topUpId,
                rechargeRequest);
    }

    /** The first $200 top-up: no pack, so 200.00 credits. */
    private static PurchaseTopUp firstTopUp() {
        return topUp("t1", "200.00", null, JAN_1);
    }

    private static SetAutoRecharge rechargeTo(String target, String monthlyCap) {
        return new SetAutoRecharge(ACCOUNT, new RechargeSettings(true, Credits.parse("50.00"), null,
                Credits.parse(target), monthlyCap == null ? null : Money.of(monthlyCap), 3, Duration.ofMinutes(10)),
                JAN_1);
    }

    private RecordUsage debit(String amount, Instant at) {
        String key = "k" + keys++;
        return new RecordUsage(ACCOUNT, List.of(new UsageRecord(key, null, null, null, TokenCounts.NONE, null,
                Credits.of(amount), at, "d-" + key)));
    }

    private static AutoRechargeRequested requested(String requestId, String amount, String available, Instant at) {
        return new AutoRechargeRequested(ACCOUNT, requestId, Money.of(amount), Credits.parse(available), at);
    }

    /** Only the events of these kinds among those the command produced, in order. */
    private static Matcher<List<EventMessage<?>>> only(List<Class<?>> kinds, Object... expected) {
        return Matchers.predicate(events -> events.stream().map(EventMessage::getPayload)
                .filter(payload -> kinds.stream().anyMatch(kind -> kind.isInstance(payload)))
                .toList().equals(List.of(expected)));
    }

    private static Matcher<List<EventMessage<?>>> recharges(Object... expected) {
        return only(List.of(AutoRechargeRequested.class, AutoRechargeCompleted.class, AutoRechargeFailed.class,
                AutoRechargeDisabled.class), expected);
    }

    private static Matcher<List<EventMessage<?>>> crossings(Object... expected) {
        return only(List.of(BalanceThresholdCrossed.class), expected);
    }

    private static BalanceThresholdCrossed crossed(String threshold, Direction direction, String available) {
        return new BalanceThresholdCrossed(ACCOUNT, Credits.parse(threshold), direction, Credits.parse(available), FEB_1);
    }

    @Test
    void aThresholdCrossedDownAlertsOnceUntilATopUpBringsTheBalanceBack() {
        SetAlertRules at100 = new SetAlertRules(ACCOUNT, List.of(Credits.parse("100.00")), List.of(), List.of(60, 7, 1), JAN_1);
        // usage keys are spent once per test (the receipts outlive a fixture run): each run gets fresh debits
        Supplier<Object[]> to10050 = () -> new Object[]{open(), firstTopUp(), at100, debit("99.50", FEB_1)};
        fixture.givenCommands(to10050.get())
                .when(debit("1.00", FEB_1))
                .expectEventsMatching(crossings(crossed("100.00", Direction.DOWN, "99.50")));
        fixture.givenCommands(append(to10050.get(), debit("1.00", FEB_1), debit("20.00", FEB_1)))
                .when(debit("30.00", FEB_1))
                .expectEventsMatching(crossings());
        fixture.givenCommands(append(to10050.get(), debit("1.00", FEB_1)))
                .when(topUp("t2", "10.00", null, FEB_1))
                .expectEventsMatching(crossings(crossed("100.00", Direction.UP, "109.50")));
        fixture.givenCommands(append(to10050.get(), debit("1.00", FEB_1)))
                .when(debit("99.50", FEB_1))
                .expectEventsMatching(crossings(crossed("0.00", Direction.DOWN, "0.00")));
    }

    @Test
    void aRechargeToATargetAsksForTheWholeGapOnceWhileInFlight() {
        fixture.givenCommands(open(), firstTopUp(), rechargeTo("500.00", null))
                .when(debit("162.75", FEB_1))
                .expectEventsMatching(recharges(requested(FIRST, "462.75", "37.25", FEB_1)));
        fixture.givenCommands(open(), firstTopUp(), rechargeTo("500.00", null), debit("162.75", FEB_1))
                .when(debit("30.00", FEB_1))
                .expectEventsMatching(recharges());
    }

    @Test
    void aTopUpAnsweringTheRequestCompletesItAndTheCooldownHoldsTheNextOne() {
        Supplier<Object[]> inFlight = () -> new Object[]{open(), firstTopUp(), rechargeTo("500.00", null),
                debit("162.75", FEB_1)};
        fixture.givenCommands(inFlight.get())
                .when(topUp("t2", "462.75", FIRST, FEB_1))
                .expectEventsMatching(recharges(new AutoRechargeCompleted(ACCOUNT, FIRST, "t2", Money.of("462.75"), FEB_1)));
        Supplier<Object[]> completed = () -> append(inFlight.get(), topUp("t2", "462.75", FIRST, FEB_1));
        fixture.givenCommands(completed.get())
                .when(debit("460.00", FEB_1.plusSeconds(60)))
                .expectEventsMatching(recharges());
        fixture.givenCommands(append(completed.get(), debit("460.00", FEB_1.plusSeconds(60))))
                .when(debit("1.00", FEB_1.plusSeconds(600)))
                .expectEventsMatching(recharges(requested("acme-recharge-2", "461.00", "39.00", FEB_1.plusSeconds(600))));
    }

    @Test
    void aRequestThatWouldPassTheMonthlyCapIsNotMade() {
        Supplier<Object[]> completed = () -> new Object[]{open(), firstTopUp(), rechargeTo("500.00", "600.00"),
                debit("162.75", FEB_1), topUp("t2", "462.75", FIRST, FEB_1)};
        fixture.givenCommands(completed.get())
                .when(debit("460.00", FEB_1.plusSeconds(3600)))
                .expectEventsMatching(recharges());
        // a month later the cap starts again
        Instant mar = Instant.parse("2025-03-01T00:00:00Z");
        fixture.givenCommands(completed.get())
                .when(debit("460.00", mar))
                .expectEventsMatching(recharges(requested("acme-recharge-2", "460.00", "40.00", mar)));
    }

    @Test
    void aFixedAmountIsAskedForAsOftenAsItTakesToCloseTheGap() {
        SetAutoRecharge twenty = new SetAutoRecharge(ACCOUNT, new RechargeSettings(true, Credits.parse("50.00"),
                Money.of("20.00"), null, null, 3, Duration.ZERO), JAN_1);
        fixture.givenCommands(open(), firstTopUp(), twenty)
                .when(debit("195.00", FEB_1))
                .expectEventsMatching(recharges(requested(FIRST, "60.00", "5.00", FEB_1)));
    }

    @Test
    void threeDeclinesInARowDisableItUntilAPersonEnablesItAgain() {
        Supplier<Object[]> twoDeclined = () -> new Object[]{open(), firstTopUp(), rechargeTo("500.00", null),
                debit("162.75", FEB_1), new FailAutoRecharge(ACCOUNT, FIRST, "card declined", FEB_1), debit("1.00", FEB_1),
                new FailAutoRecharge(ACCOUNT, "acme-recharge-2", "card declined", FEB_1), debit("1.00", FEB_1)};
        fixture.givenCommands(twoDeclined.get())
                .when(new FailAutoRecharge(ACCOUNT, "acme-recharge-3", "card declined", FEB_1))
                .expectEvents(new AutoRechargeFailed(ACCOUNT, "acme-recharge-3", "card declined", 3, FEB_1),
                        new AutoRechargeDisabled(ACCOUNT, 3, FEB_1));
        Supplier<Object[]> disabled = () -> append(twoDeclined.get(),
                new FailAutoRecharge(ACCOUNT, "acme-recharge-3", "card declined", FEB_1));
        fixture.givenCommands(disabled.get())
                .when(debit("1.00", FEB_1))
                .expectEventsMatching(recharges());
        // enabling again while low asks at once
        fixture.givenCommands(disabled.get())
                .when(rechargeTo("500.00", null))
                .expectEventsMatching(recharges(requested("acme-recharge-4", "464.75", "35.25", JAN_1)));
    }

    @Test
    void aDeclineReportedAgainGetsTheFirstAnswerAndCountsOnce() {
        fixture.givenCommands(open(), firstTopUp(), rechargeTo("500.00", null), debit("162.75", FEB_1),
                        new FailAutoRecharge(ACCOUNT, FIRST, "card declined", FEB_1))
                .when(new FailAutoRecharge(ACCOUNT, FIRST, "insufficient funds", FEB_1.plusSeconds(5)))
                .expectNoEvents()
                .expectResultMessagePayload(new AutoRechargeFailed(ACCOUNT, FIRST, "card declined", 1,
                        FEB_1.plusSeconds(5)));
    }

    @Test
    void anAnswerMustBeToTheRequestInFlight() {
        fixture.givenCommands(open(), firstTopUp(), rechargeTo("500.00", null), debit("162.75", FEB_1))
                .when(new FailAutoRecharge(ACCOUNT, "acme-recharge-9", "card declined", FEB_1))
                .expectException(LedgerRejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no auto-recharge request"));
        fixture.givenCommands(open(), firstTopUp(), rechargeTo("500.00", null), debit("162.75", FEB_1),
                        new FailAutoRecharge(ACCOUNT, FIRST, "card declined", FEB_1))
                .when(topUp("t2", "462.75", FIRST, FEB_1))
                .expectException(LedgerRejection.class)
                .expectNoEvents();
    }

    private static Object[] append(Object[] given, Object... more) {
        List<Object> all = new ArrayList<>(List.of(given));
        all.addAll(List.of(more));
        return all.toArray();
    }
}
