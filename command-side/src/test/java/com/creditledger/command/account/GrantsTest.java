package com.creditledger.command.account;

import com.creditledger.command.Rejected;
import com.creditledger.kernel.Metadata;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.grant.ApproveGrant;
import com.creditledger.kernel.grant.CreditGranted;
import com.creditledger.kernel.grant.GrantCredit;
import com.creditledger.kernel.grant.GrantRequested;
import com.creditledger.kernel.refund.RefundCredit;
import com.creditledger.kernel.topup.LotGranted;
import com.creditledger.kernel.topup.LotKind;
import com.creditledger.kernel.usage.UsageRecord;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.creditledger.command.account.CreditAccountTest.debit;
import static com.creditledger.command.account.CreditAccountTest.debited;
import static com.creditledger.command.account.CreditAccountTest.draw;
import static com.creditledger.command.account.CreditAccountTest.open;
import static com.creditledger.command.account.CreditAccountTest.topUp;
import static com.creditledger.command.account.CreditAccountTest.usage;

/** Promotional grants: credit without cash, drawn with bonus credit, a second key above the threshold. */
class GrantsTest {

    private static final String ACCOUNT = "acme";
    private static final Instant JAN_1 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2025-02-01T10:00:00Z");
    /** The expiry of a $999 top-up bought on JAN_1: one year. */
    private static final Instant NEXT_JAN_1 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Map<String, String> SUPPORT = Map.of(Metadata.ACTOR, "support-key");
    private static final Map<String, String> FINANCE = Map.of(Metadata.ACTOR, "finance-key");

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = AccountFixture.create();
    }

    private static GrantCredit grant(String grantId, String credits, Instant expiresAt) {
        return new GrantCredit(ACCOUNT, grantId, Credits.of(credits), "launch promo", expiresAt, 0, JAN_1,
                "digest-" + grantId);
    }

    private static CommandMessage<GrantCredit> bySupport(GrantCredit command) {
        return GenericCommandMessage.<GrantCredit>asCommandMessage(command).andMetaData(SUPPORT);
    }

    private static CreditGranted granted(String grantId, String credits, Instant expiresAt, Instant at,
                                         String grantedBy, String approvedBy) {
        return new CreditGranted(ACCOUNT, grantId, "launch promo", new LotGranted(grantId + ".promotional",
                LotKind.PROMOTIONAL, Credits.of(credits), Credits.ZERO, Money.ZERO, at, expiresAt, 0), grantedBy,
                approvedBy, at, "digest-" + grantId);
    }

    @Test
    void aGrantIsOneLotWithoutCash() {
        fixture.givenCommands(open())
                .when(grant("g1", "50.00", FEB_1), SUPPORT)
                .expectEvents(granted("g1", "50.00", FEB_1, JAN_1, "support-key", null));
    }

    @Test
    void promotionalCreditIsDrawnBeforePrincipalOfTheSameExpiryAndEarnsNothing() {
        // the $999 lot and the grant both expire on NEXT_JAN_1: the grant ranks with bonus credit, first
        UsageRecord call = usage("k1", "20.00", FEB_1);
        fixture.givenCommands(open(), topUp("t1", "999.00", JAN_1))
                .andGivenCommands(bySupport(grant("g1", "50.00", NEXT_JAN_1)))
                .when(debit(call))
                .expectEvents(debited(call, "0", "0", draw("g1.promotional", "20.00", "0.00")));
    }

    @Test
    void aGrantAboveTheThresholdWaitsForASecondKey() {
        GrantRequested requested = new GrantRequested(ACCOUNT, "g2", Credits.of("1500"), "launch promo", FEB_1, 0,
                JAN_1, "finance-key", "digest-g2");
        fixture.givenCommands(open())
                .when(grant("g2", "1500", FEB_1), FINANCE)
                .expectEvents(requested);
        fixture.givenCommands(open())
                .andGiven(requested)
                .when(new ApproveGrant(ACCOUNT, "g2", JAN_1), FINANCE)
                .expectException(Rejected.with(RejectionCode.APPROVER_IS_REQUESTER));
        fixture.givenCommands(open())
                .andGiven(requested)
                .when(new ApproveGrant(ACCOUNT, "g2", JAN_1), Map.of(Metadata.ACTOR, "second-finance-key"))
                .expectEvents(granted("g2", "1500", FEB_1, JAN_1, "finance-key", "second-finance-key"));
        fixture.givenCommands(open())
                .when(new ApproveGrant(ACCOUNT, "g3", JAN_1), FINANCE)
                .expectException(Rejected.with(RejectionCode.GRANT_NOT_PENDING));
    }

    @Test
    void promotionalCreditIsNeverRefunded() {
        fixture.givenCommands(open())
                .andGivenCommands(bySupport(grant("g1", "50.00", FEB_1)))
                .when(new RefundCredit(ACCOUNT, "r1", "g1", null, "unused", JAN_1, "digest-r1"), SUPPORT)
                .expectException(Rejected.with(RejectionCode.TOP_UP_NOT_FOUND));
    }

    @Test
    void aGrantMustExpireAfterItIsMadeAndItsIdIsSpent() {
        fixture.givenCommands(open())
                .when(grant("g1", "50.00", JAN_1), SUPPORT)
                .expectException(Rejected.with(RejectionCode.VALIDATION_FAILED));
        fixture.givenCommands(open())
                .andGivenCommands(bySupport(grant("g1", "50.00", FEB_1)))
                .when(new GrantCredit(ACCOUNT, "g1", Credits.of("60.00"), "launch promo", FEB_1, 0, JAN_1, "other"),
                        SUPPORT)
                .expectException(Rejected.with(RejectionCode.IDEMPOTENCY_CONFLICT));
    }
}
