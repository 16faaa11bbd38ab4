package com.creditledger.command.account;

import com.creditledger.command.Rejected;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.account.BillingMode;
import com.creditledger.kernel.account.CloseAccount;
import com.creditledger.kernel.account.CreditTerms;
import com.creditledger.kernel.account.OpenAccount;
import com.creditledger.kernel.account.SuspendAccount;
import com.creditledger.kernel.expiry.CreditExpired;
import com.creditledger.kernel.expiry.ExpireLot;
import com.creditledger.kernel.refund.ApproveRefund;
import com.creditledger.kernel.refund.CancelRefund;
import com.creditledger.kernel.refund.RefundCancelled;
import com.creditledger.kernel.refund.RefundRejected;
import com.creditledger.kernel.refund.RejectRefund;
import com.creditledger.kernel.refund.LotRefund;
import com.creditledger.kernel.refund.RefundRequested;
import com.creditledger.kernel.refund.RefundCredit;
import com.creditledger.kernel.refund.Refunded;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.topup.PurchaseTopUp;
import com.creditledger.kernel.topup.TopUpPurchased;
import com.creditledger.kernel.usage.Draw;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The rules of docs/domain.md, one given/when/then each, with its own numbers. */
class CreditAccountTest {

    private static final String ACCOUNT = "acme";
    private static final String SUPPORT_KEY = "support-key";
    private static final String FINANCE_KEY = "finance-key";
    private static final Instant JAN_1 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2025-02-01T10:00:00Z");
    private static final Instant MAR_1 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant NEXT_JAN_1 = Instant.parse("2026-01-01T10:00:00Z");

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccountFixture.create();
    }

    static OpenAccount open(BillingMode mode, String overdraftLimit) {
        return new OpenAccount(ACCOUNT, "USD", mode, Credits.of(overdraftLimit), CreditTerms.DEFAULT, JAN_1);
    }

    static OpenAccount open() {
        return open(BillingMode.PREPAID, "0");
    }

    static PurchaseTopUp topUp(String topUpId, String amount, Instant at) {
        return topUp(topUpId, amount, at, null);
    }

    static PurchaseTopUp topUp(String topUpId, String amount, Instant at, Instant bonusExpiresAt) {
        return new PurchaseTopUp(ACCOUNT, topUpId, Money.of(amount), "pay-" + topUpId, at, null, bonusExpiresAt, 0,
                "digest-" + topUpId + "-" + amount);
    }

    static UsageRecord usage(String key, String amount, Instant at) {
        return new UsageRecord(key, "req-" + key, null, null, TokenCounts.NONE, null, Credits.of(amount), at,
                "digest-" + key + "-" + amount);
    }

    static RecordUsage debit(UsageRecord... records) {
        return new RecordUsage(ACCOUNT, List.of(records));
    }

    static UsageDebited debited(UsageRecord usage, String overage, String overageRevenue, Draw... draws) {
        return new UsageDebited(ACCOUNT, usage.idempotencyKey(), usage.requestId(), null, null, TokenCounts.NONE,
                null, usage.amount(), usage.occurredAt(), List.of(draws), Credits.of(overage),
                Money.of(overageRevenue), Money.ZERO, usage.requestDigest());
    }

    static Draw draw(String lotId, String credits, String revenue) {
        return new Draw(lotId, Credits.of(credits), Money.of(revenue));
    }

    static org.hamcrest.Matcher<Throwable> rejected(RejectionCode code) {
        return Rejected.with(code);
    }

    @Nested
    class TopUps {

        @ParameterizedTest(name = "${0} pack gives {1} bonus credits, {2} in all")
        @CsvSource({"99.00, 19.80, 118.80", "499.00, 19.96, 518.96", "999.00, 59.94, 1058.94",
                "4999.00, 399.92, 5398.92", "9999.00, 999.90, 10998.90"})
        void packEarnsItsBonusInOneCombinedLot(String amount, String bonus, String total) {
            fixture.givenCommands(open())
                    .when(topUp("t1", amount, JAN_1))
                    .expectEvents(new TopUpPurchased(ACCOUNT, "t1", Money.of(amount), "pay-t1", JAN_1,
                            Credits.of(bonus), Credits.of(total), Credits.ZERO, Money.ZERO,
                            List.of(new LotGranted("t1.combined", LotKind.COMBINED, Credits.of(total), Credits.ZERO,
                                    Money.of(amount), JAN_1, NEXT_JAN_1, 0)),
                            "digest-t1-" + amount));
        }

        @Test
        void amountThatIsNoPackGetsNoBonus() {
            fixture.givenCommands(open())
                    .when(topUp("t1", "250.00", JAN_1))
                    .expectResultMessagePayloadMatching(Matchers.predicate(result -> {
                        TopUpPurchased purchased = (TopUpPurchased) result;
                        return purchased.bonusCredits().isZero() && purchased.lots().size() == 1
                                && purchased.lots().get(0).kind() == LotKind.PRINCIPAL
                                && purchased.lots().get(0).credits().equals(Credits.of("250"));
                    }));
        }

        @Test
        void bonusExpiringEarlierIsItsOwnLotAndThePoolPriceSplitsTheCash() {
            Instant sixMonths = Instant.parse("2025-07-01T10:00:00Z");
            fixture.givenCommands(open())
                    .when(topUp("t1", "99.00", JAN_1, sixMonths))
                    .expectEvents(new TopUpPurchased(ACCOUNT, "t1", Money.of("99.00"), "pay-t1", JAN_1,
                            Credits.of("19.80"), Credits.of("118.80"), Credits.ZERO, Money.ZERO, List.of(
                            new LotGranted("t1.bonus", LotKind.BONUS, Credits.of("19.80"), Credits.ZERO,
                                    Money.of("16.50"), JAN_1, sixMonths, 0),
                            new LotGranted("t1.principal", LotKind.PRINCIPAL, Credits.of("99.00"), Credits.ZERO,
                                    Money.of("82.50"), JAN_1, NEXT_JAN_1, 0)),
                            "digest-t1-99.00"));
        }

        @Test
        void retriedTopUpIsRecordedOnce() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                    .when(topUp("t1", "999.00", JAN_1))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(Matchers.predicate(
                            result -> ((TopUpPurchased) result).totalCredits().equals(Credits.of("1058.94"))));
        }

        @Test
        void topUpIdReusedForAnotherAmountIsAConflict() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                    .when(topUp("t1", "499.00", JAN_1))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void closedAccountTakesNoTopUp() {
            fixture.givenCommands(open(), new CloseAccount(ACCOUNT, "churned", FEB_1))
                    .when(topUp("t1", "99.00", FEB_1))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.ACCOUNT_CLOSED));
        }
    }

    @Nested
    class UsageDebits {

        @Test
        void fiveDebitsOfOneCreditPostCumulativelyRoundedRevenue() {
            UsageRecord[] debits = new UsageRecord[5];
            Object[] expected = new Object[5];
            String[] revenue = {"0.94", "0.95", "0.94", "0.94", "0.95"};
            for (int i = 0; i < 5; i++) {
                debits[i] = usage("k" + i, "1.00", FEB_1);
                expected[i] = debited(debits[i], "0", "0", draw("t1.combined", "1.00", revenue[i]));
            }
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                    .when(debit(debits))
                    .expectEvents(expected);
        }

        @Test
        void soonestExpiringLotIsDrawnFirstAcrossTopUps() {
            UsageRecord call = usage("k1", "30.00", MAR_1);
            fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1),
                            topUp("t2", "99.00", FEB_1, Instant.parse("2025-05-01T10:00:00Z")))
                    .when(debit(call))
                    .expectEvents(debited(call, "0", "0",
                            draw("t2.bonus", "19.80", "16.50"),
                            draw("t1.principal", "10.20", "10.20")));
        }

        @Test
        void topUpWithALowerPriorityNumberIsDrawnBeforeASoonerExpiringLot() {
            UsageRecord call = usage("k1", "30.00", MAR_1);
            PurchaseTopUp promotional = new PurchaseTopUp(ACCOUNT, "t2", Money.of("100.00"), "pay-t2", FEB_1, null,
                    null, -1, "digest-t2");
            fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1), promotional)
                    .when(debit(call))
                    .expectEvents(debited(call, "0", "0", draw("t2.principal", "30.00", "30.00")));
        }

        @Test
        void usageBeforeTheAccountsBusinessLifeBelongsToNoAccount() {
            fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1))
                    .when(debit(usage("k1", "1.00", Instant.parse("1970-01-01T00:00:00Z"))))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcomes(RejectionCode.BEFORE_ACCOUNT_OPENED));
        }

        @Test
        void usageAfterABackDatedTopUpIsChargedEvenBeforeTheOpening() {
            Instant lastYear = Instant.parse("2024-12-01T00:00:00Z");
            UsageRecord call = usage("k1", "1.00", lastYear.plusSeconds(60));
            fixture.givenCommands(open(), topUp("t1", "100.00", lastYear))
                    .when(debit(call))
                    .expectEvents(debited(call, "0", "0", draw("t1.principal", "1.00", "1.00")));
        }

        @Test
        void tokensPricedCallRecordsItsPricing() {
            UsageRecord call = usage("k1", "154.00", FEB_1);
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                    .when(debit(call))
                    .expectResultMessagePayloadMatching(Matchers.predicate(result -> {
                        UsageOutcome outcome = ((List<?>) result).stream().map(UsageOutcome.class::cast).findFirst().orElseThrow();
                        return outcome.status() == UsageOutcome.Status.ACCEPTED
                                && outcome.receipt().balance().equals(Credits.of("904.94"));
                    }));
        }

        @Test
        void callCostingMoreThanTheCreditIsRefusedAndChangesNothing() {
            fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1))
                    .when(debit(usage("k1", "100.000000001", FEB_1)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcomes(RejectionCode.INSUFFICIENT_CREDIT));
        }

        @Test
        void lotThatExpiredIsNotDrawnEvenForACallThatOccurredBefore() {
            fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1), new ExpireLot(ACCOUNT, "t1.principal", NEXT_JAN_1))
                    .when(debit(usage("k1", "1.00", Instant.parse("2025-12-31T23:00:00Z"))))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcomes(RejectionCode.INSUFFICIENT_CREDIT));
        }

        @Test
        void overdraftTurnsTheUncoveredPartIntoOverageUpToTheLimit() {
            UsageRecord first = usage("k1", "105.00", FEB_1);
            fixture.givenCommands(open(BillingMode.PREPAID, "10"), topUp("t1", "100.00", JAN_1))
                    .when(debit(first, usage("k2", "5.01", FEB_1), usage("k3", "5.00", FEB_1)))
                    .expectEvents(
                            debited(first, "5.00", "5.00", draw("t1.principal", "100.00", "100.00")),
                            debited(usage("k3", "5.00", FEB_1), "5.00", "5.00"))
                    .expectResultMessagePayloadMatching(Matchers.predicate(result -> {
                        List<?> outcomes = (List<?>) result;
                        UsageOutcome refused = (UsageOutcome) outcomes.get(1);
                        UsageOutcome last = (UsageOutcome) outcomes.get(2);
                        return refused.rejection() == RejectionCode.INSUFFICIENT_CREDIT
                                && last.receipt().balance().equals(Credits.of("-10.00"));
                    }));
        }

        @Test
        void nextTopUpNetsTheOverageAndSettlesTheReceivableAtFaceValue() {
            fixture.givenCommands(open(BillingMode.PREPAID, "10"), topUp("t1", "100.00", JAN_1),
                            debit(usage("k1", "110.00", FEB_1)))
                    .when(topUp("t2", "99.00", MAR_1))
                    .expectEvents(new TopUpPurchased(ACCOUNT, "t2", Money.of("99.00"), "pay-t2", MAR_1,
                            Credits.of("19.80"), Credits.of("118.80"), Credits.of("10"), Money.of("10.00"),
                            List.of(new LotGranted("t2.combined", LotKind.COMBINED, Credits.of("118.80"),
                                    Credits.of("10"), Money.of("89.00"), MAR_1,
                                    Instant.parse("2026-03-01T10:00:00Z"), 0)),
                            "digest-t2-99.00"));
        }

        @Test
        void postpaidUsageDrawsNoLotAndIsRevenueByCumulativeRounding() {
            UsageRecord first = usage("k1", "1.005", FEB_1);
            UsageRecord second = usage("k2", "1.005", FEB_1);
            fixture.givenCommands(open(BillingMode.POSTPAID, "0"))
                    .when(debit(first, second))
                    .expectEvents(postpaid(first, "1.01"), postpaid(second, "1.00"));
        }

        private UsageDebited postpaid(UsageRecord usage, String revenue) {
            return new UsageDebited(ACCOUNT, usage.idempotencyKey(), usage.requestId(), null, null, TokenCounts.NONE,
                    null, usage.amount(), usage.occurredAt(), List.of(), Credits.ZERO, Money.ZERO, Money.of(revenue),
                    usage.requestDigest(), null, false, "2025-02"); // invoiced in its own month
        }

        @Test
        void retryWithTheSameKeyAndBodyReturnsTheOriginalReceiptWithoutCharging() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), debit(usage("k1", "1.00", FEB_1)))
                    .when(debit(usage("k1", "1.00", FEB_1)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(Matchers.predicate(result -> {
                        UsageOutcome outcome = (UsageOutcome) ((List<?>) result).get(0);
                        return outcome.status() == UsageOutcome.Status.REPLAYED
                                && outcome.receipt().balance().equals(Credits.of("1057.94"));
                    }));
        }

        @Test
        void sameKeyWithAnotherBodyIsAConflict() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), debit(usage("k1", "1.00", FEB_1)))
                    .when(debit(usage("k1", "2.00", FEB_1)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcomes(RejectionCode.IDEMPOTENCY_CONFLICT));
        }

        @Test
        void sameKeyTwiceInOneBatchIsChargedOnce() {
            UsageRecord call = usage("k1", "1.00", FEB_1);
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                    .when(debit(call, call))
                    .expectEvents(debited(call, "0", "0", draw("t1.combined", "1.00", "0.94")));
        }

        @Test
        void closedAccountTakesNoDebit() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), new CloseAccount(ACCOUNT, "churned", FEB_1))
                    .when(debit(usage("k1", "1.00", FEB_1)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcomes(RejectionCode.ACCOUNT_CLOSED));
        }

        @Test
        void suspendedAccountTakesNoDebit() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), new SuspendAccount(ACCOUNT, "fraud check", FEB_1))
                    .when(debit(usage("k1", "1.00", FEB_1)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcomes(RejectionCode.ACCOUNT_SUSPENDED));
        }
    }

    @Nested
    class Expiry {

        @Test
        void expiryReleasesExactlyTheLotsRemainingAllocation() {
            // 5 credits used released f(5) = 4.72 of 999.00; the expiry releases the other 994.28.
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), fiveOneCreditCalls())
                    .when(new ExpireLot(ACCOUNT, "t1.combined", NEXT_JAN_1))
                    .expectEvents(new CreditExpired(ACCOUNT, "t1.combined", "t1", Credits.of("1053.94"),
                            Money.of("994.28"), NEXT_JAN_1));
        }

        @Test
        void expiringTwiceChangesNothing() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), new ExpireLot(ACCOUNT, "t1.combined", NEXT_JAN_1))
                    .when(new ExpireLot(ACCOUNT, "t1.combined", NEXT_JAN_1.plusSeconds(60)))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void lotIsNotExpiredBeforeItsInstant() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                    .when(new ExpireLot(ACCOUNT, "t1.combined", NEXT_JAN_1.minusSeconds(1)))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.VALIDATION_FAILED));
        }
    }

    @Nested
    class Refunds {

        @Test
        void refundOfAllPaysBackTheUnreleasedCash() {
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), fiveOneCreditCalls())
                    .when(refund("r1", null), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectEvents(new Refunded(ACCOUNT, "r1", "t1", Credits.of("1053.94"), Money.of("994.28"),
                            List.of(new LotRefund("t1.combined", Credits.of("1053.94"), Money.of("994.28"))),
                            "unused", FEB_1, "digest-r1", SUPPORT_KEY, null));
        }

        @Test
        void partialRefundPaysTheCumulativelyRoundedDifference() {
            // after 5 credits used, refunding 100 moves R from 5 to 105: f(105) − f(5) = 99.06 − 4.72
            fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1), fiveOneCreditCalls())
                    .when(refund("r1", "100"), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectEvents(new Refunded(ACCOUNT, "r1", "t1", Credits.of("100"), Money.of("94.34"),
                            List.of(new LotRefund("t1.combined", Credits.of("100"), Money.of("94.34"))),
                            "unused", FEB_1, "digest-r1", SUPPORT_KEY, null));
        }

        @Test
        void partialRefundTakesTheLatestExpiringLotFirst() {
            // principal lot: A = 82.50 for 99 credits; 50 credits release round(82.50 × 50 / 99) = 41.67
            fixture.givenCommands(open(), topUp("t1", "99.00", JAN_1, Instant.parse("2025-07-01T10:00:00Z")))
                    .when(refund("r1", "50"), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectEvents(new Refunded(ACCOUNT, "r1", "t1", Credits.of("50"), Money.of("41.67"),
                            List.of(new LotRefund("t1.principal", Credits.of("50"), Money.of("41.67"))),
                            "unused", FEB_1, "digest-r1", SUPPORT_KEY, null));
        }

        @Test
        void refundingMoreThanIsLeftIsRefused() {
            fixture.givenCommands(open(), topUp("t1", "100.00", JAN_1))
                    .when(refund("r1", "100.01"))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.REFUND_EXCEEDS_REMAINING));
        }

        @Test
        void refundAboveTheThresholdWaitsForASecondKey() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .when(refund("r1", null), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectEvents(new RefundRequested(ACCOUNT, "r1", "t1", null, Money.of("4999.00"), "unused", FEB_1,
                            SUPPORT_KEY, "digest-r1"));
        }

        @Test
        void theRequesterCannotApproveItsOwnRefund() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(new RefundRequested(ACCOUNT, "r1", "t1", null, Money.of("4999.00"), "unused", FEB_1,
                            SUPPORT_KEY, "digest-r1"))
                    .when(new ApproveRefund(ACCOUNT, "r1", MAR_1), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.APPROVER_IS_REQUESTER));
        }

        @Test
        void anotherKeyApprovesAndBothAreRecorded() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(new RefundRequested(ACCOUNT, "r1", "t1", null, Money.of("4999.00"), "unused", FEB_1,
                            SUPPORT_KEY, "digest-r1"))
                    .when(new ApproveRefund(ACCOUNT, "r1", MAR_1), Map.of(Metadata.ACTOR, FINANCE_KEY))
                    .expectEvents(new Refunded(ACCOUNT, "r1", "t1", Credits.of("5398.92"), Money.of("4999.00"),
                            List.of(new LotRefund("t1.combined", Credits.of("5398.92"), Money.of("4999.00"))),
                            "unused", MAR_1, "digest-r1", SUPPORT_KEY, FINANCE_KEY));
        }

        @Test
        void aFinanceKeyRejectsAPendingRefundAndNoMoneyMoves() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(pendingRefund())
                    .when(new RejectRefund(ACCOUNT, "r1", "customer used the credit", MAR_1),
                            Map.of(Metadata.ACTOR, FINANCE_KEY))
                    .expectEvents(new RefundRejected(ACCOUNT, "r1", "t1", "customer used the credit", MAR_1,
                            SUPPORT_KEY, FINANCE_KEY));
        }

        @Test
        void theRequesterCancelsItsPendingRefund() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(pendingRefund())
                    .when(new CancelRefund(ACCOUNT, "r1", MAR_1), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectEvents(new RefundCancelled(ACCOUNT, "r1", "t1", MAR_1, SUPPORT_KEY));
        }

        @Test
        void anotherKeyCannotCancelSomeoneElsesRefund() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(pendingRefund())
                    .when(new CancelRefund(ACCOUNT, "r1", MAR_1), Map.of(Metadata.ACTOR, FINANCE_KEY))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.NOT_THE_REQUESTER));
        }

        @Test
        void aRejectedRefundCanNeitherBeApprovedNorRequestedAgain() {
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(pendingRefund(), new RefundRejected(ACCOUNT, "r1", "t1", null, MAR_1, SUPPORT_KEY,
                            FINANCE_KEY))
                    .when(new ApproveRefund(ACCOUNT, "r1", MAR_1), Map.of(Metadata.ACTOR, FINANCE_KEY))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.REFUND_NOT_PENDING));
            fixture.givenCommands(open(), topUp("t1", "4999.00", JAN_1))
                    .andGiven(pendingRefund(), new RefundRejected(ACCOUNT, "r1", "t1", null, MAR_1, SUPPORT_KEY,
                            FINANCE_KEY))
                    .when(refund("r1", null), Map.of(Metadata.ACTOR, SUPPORT_KEY))
                    .expectNoEvents()
                    .expectException(rejected(RejectionCode.REFUND_CLOSED));
        }

        private RefundRequested pendingRefund() {
            return new RefundRequested(ACCOUNT, "r1", "t1", null, Money.of("4999.00"), "unused", FEB_1,
                    SUPPORT_KEY, "digest-r1");
        }

        private RefundCredit refund(String refundId, String credits) {
            return new RefundCredit(ACCOUNT, refundId, "t1", credits == null ? null : Credits.of(credits), "unused",
                    FEB_1, "digest-" + refundId);
        }
    }

    private static RecordUsage fiveOneCreditCalls() {
        List<UsageRecord> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(usage("k" + i, "1.00", FEB_1));
        }
        return new RecordUsage(ACCOUNT, calls);
    }

    private static org.hamcrest.Matcher<Object> outcomes(RejectionCode... codes) {
        return Matchers.predicate(result -> {
            List<?> outcomes = (List<?>) result;
            return outcomes.stream().map(o -> ((UsageOutcome) o).rejection()).toList().equals(Arrays.asList(codes));
        });
    }
}
