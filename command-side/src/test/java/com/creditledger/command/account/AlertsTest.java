package com.creditledger.command.account;

import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.account.OpenAccount;
import com.creditledger.kernel.alert.BalanceThresholdCrossed;
import com.creditledger.kernel.alert.Direction;
import com.creditledger.kernel.alert.LotExpiring;
import com.creditledger.kernel.alert.NoticeLotExpiring;
import com.creditledger.kernel.alert.SetAlertRules;
import com.creditledger.kernel.alert.SpendThresholdReached;
import com.creditledger.kernel.spendlimit.SetSpendLimit;
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

import java.time.Instant;
import java.util.List;

/** Balance and spend alerts, decided with the command that crossed them, once per crossing. */
class AlertsTest {

    private static final String ACCOUNT = "acme";
    private static final Instant JAN_1 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2025-02-01T10:00:00Z");
    private static final Instant MAR_1 = Instant.parse("2025-03-01T10:00:00Z");

    private FixtureConfiguration<CreditAccount> fixture;
    private int keys;

    @BeforeEach
    void setUp() {
        fixture = AccountFixture.create();
    }

    private static OpenAccount open() {
        return new OpenAccount(ACCOUNT, "USD", BillingMode.PREPAID, Credits.ZERO, CreditTerms.DEFAULT, JAN_1);
    }

    private static PurchaseTopUp topUp(String topUpId, String amount) {
        return new PurchaseTopUp(ACCOUNT, topUpId, Money.of(amount), null, JAN_1, null, null, 0, "d-" + topUpId);
    }

    private static SetAlertRules rules(List<String> balanceBelow, List<Integer> spendPercent) {
        return new SetAlertRules(ACCOUNT, balanceBelow.stream().map(Credits::parse).toList(), spendPercent,
                List.of(60, 7, 1), JAN_1);
    }

    private RecordUsage debit(String amount, Instant at) {
        String key = "k" + keys++;
        return new RecordUsage(ACCOUNT, List.of(new UsageRecord(key, null, null, null, TokenCounts.NONE, null,
                Credits.of(amount), at, "d-" + key)));
    }

    private static BalanceThresholdCrossed crossed(String threshold, Direction direction, String available, Instant at) {
        return new BalanceThresholdCrossed(ACCOUNT, Credits.parse(threshold), direction, Credits.parse(available), at);
    }

    private static SpendThresholdReached reached(int percent, String spent, String month, Instant at) {
        return new SpendThresholdReached(ACCOUNT, percent, Credits.parse(spent), Credits.parse("10.00"), month, at);
    }

    /** Only the alerts among the events the command produced, in order. */
    private static Matcher<List<EventMessage<?>>> alerts(Object... expected) {
        return Matchers.predicate(events -> events.stream().map(EventMessage::getPayload)
                .filter(payload -> payload instanceof BalanceThresholdCrossed || payload instanceof SpendThresholdReached)
                .toList().equals(List.of(expected)));
    }

    @Test
    void goingBelowAThresholdAlertsOnceAndComingBackAlertsRecovery() {
        fixture.givenCommands(open(), topUp("t1", "99.00"), rules(List.of("100.00", "10.00"), List.of()))
                .when(debit("20.00", FEB_1))
                .expectEventsMatching(alerts(crossed("100.00", Direction.DOWN, "98.80", FEB_1)));
        fixture.givenCommands(open(), topUp("t1", "99.00"), rules(List.of("100.00", "10.00"), List.of()), debit("20.00", FEB_1))
                .when(debit("1.00", FEB_1))
                .expectEventsMatching(alerts());
        fixture.givenCommands(open(), topUp("t1", "99.00"), rules(List.of("100.00", "10.00"), List.of()),
                        debit("20.00", FEB_1), debit("90.00", FEB_1))
                .when(topUp("t2", "100.00"))
                .expectEventsMatching(alerts(crossed("10.00", Direction.UP, "108.80", JAN_1),
                        crossed("100.00", Direction.UP, "108.80", JAN_1)));
    }

    @Test
    void runningOutIsTheBalanceCrossingZero() {
        fixture.givenCommands(open(), topUp("t1", "10.00"), rules(List.of("5.00"), List.of()))
                .when(debit("10.00", FEB_1))
                .expectEventsMatching(alerts(crossed("0.00", Direction.DOWN, "0.00", FEB_1),
                        crossed("5.00", Direction.DOWN, "0.00", FEB_1)));
    }

    @Test
    void withoutRulesNothingIsAlerted() {
        fixture.givenCommands(open(), topUp("t1", "10.00"))
                .when(debit("10.00", FEB_1))
                .expectEventsMatching(alerts());
    }

    @Test
    void aLotSixtyDaysFromExpiryIsNoticedWithWhatIsAtRiskOnce() {
        // the $999 pack, 100 credits used: 958.94 at risk, and 999.00 − f(100) = 999.00 − 94.34 of deferred revenue
        Instant sixtyDaysBefore = Instant.parse("2025-11-02T10:00:00Z");
        fixture.givenCommands(open(), topUp("t1", "999.00"), debit("100.00", FEB_1))
                .when(new NoticeLotExpiring(ACCOUNT, "t1.combined", 60, sixtyDaysBefore.plusSeconds(30)))
                .expectEvents(new LotExpiring(ACCOUNT, "t1.combined", Credits.parse("958.94"), Money.of("904.66"),
                        Instant.parse("2026-01-01T10:00:00Z"), 60, sixtyDaysBefore));
        fixture.givenCommands(open(), topUp("t1", "999.00"), debit("100.00", FEB_1),
                        new NoticeLotExpiring(ACCOUNT, "t1.combined", 60, sixtyDaysBefore))
                .when(new NoticeLotExpiring(ACCOUNT, "t1.combined", 60, sixtyDaysBefore.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void aLotWithNothingLeftOrANoticeNoLongerAskedForIsNotNoticed() {
        Instant sevenDaysBefore = Instant.parse("2025-12-25T10:00:00Z");
        fixture.givenCommands(open(), topUp("t1", "10.00"), debit("10.00", FEB_1))
                .when(new NoticeLotExpiring(ACCOUNT, "t1.principal", 7, sevenDaysBefore))
                .expectNoEvents();
        fixture.givenCommands(open(), topUp("t1", "10.00"),
                        new SetAlertRules(ACCOUNT, List.of(), List.of(), List.of(30), JAN_1))
                .when(new NoticeLotExpiring(ACCOUNT, "t1.principal", 7, sevenDaysBefore))
                .expectNoEvents();
    }

    @Test
    void eachSpendThresholdIsReachedOnceAMonth() {
        fixture.givenCommands(open(), topUp("t1", "99.00"), new SetSpendLimit(ACCOUNT, Credits.parse("10.00"), JAN_1),
                        rules(List.of(), List.of(50, 80, 100)))
                .when(debit("5.00", FEB_1))
                .expectEventsMatching(alerts(reached(50, "5.00", "2025-02", FEB_1)));
        fixture.givenCommands(open(), topUp("t1", "99.00"), new SetSpendLimit(ACCOUNT, Credits.parse("10.00"), JAN_1),
                        rules(List.of(), List.of(50, 80, 100)), debit("5.00", FEB_1))
                .when(debit("5.00", FEB_1))
                .expectEventsMatching(alerts(reached(80, "10.00", "2025-02", FEB_1),
                        reached(100, "10.00", "2025-02", FEB_1)));
        fixture.givenCommands(open(), topUp("t1", "99.00"), new SetSpendLimit(ACCOUNT, Credits.parse("10.00"), JAN_1),
                        rules(List.of(), List.of(50, 80, 100)), debit("5.00", FEB_1), debit("1.00", FEB_1))
                .when(debit("5.00", MAR_1))
                .expectEventsMatching(alerts(reached(50, "5.00", "2025-03", MAR_1)));
    }
}
