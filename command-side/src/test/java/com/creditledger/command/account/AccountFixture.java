package com.creditledger.command.account;

import com.creditledger.command.model.grant.GrantApproval;
import com.creditledger.command.model.refund.RefundApproval;
import com.creditledger.kernel.topup.BonusSchedule;
import com.creditledger.command.usage.UsageCharging;
import com.creditledger.kernel.value.Credits;
import com.creditledger.kernel.value.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * An account under Axon's given/when/then fixture, wired as in production: the standard packs,
 * refunds above $1,000 and grants above 1,000 credits needing approval, usage charged through {@code UsageCharging} with receipts
 * kept in memory (they outlive a fixture run within one test: each run needs fresh usage keys).
 */
final class AccountFixture {

    private AccountFixture() {
    }

    static FixtureConfiguration<CreditAccount> create() {
        FixtureConfiguration<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(BonusSchedule.STANDARD);
        fixture.registerInjectableResource(new RefundApproval(Money.of("1000.00")));
        fixture.registerInjectableResource(new GrantApproval(Credits.of("1000")));
        fixture.registerAnnotatedCommandHandler(new UsageCharging(fixture.getRepository(), new InMemoryUsageReceipts()));
        return fixture;
    }
}
