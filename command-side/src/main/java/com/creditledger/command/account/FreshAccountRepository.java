package com.creditledger.command.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;

import java.util.Objects;

/**
 * Loads an account for a command (or a spendable read) so that several command-side nodes on one
 * database decide exactly as one would. The first time a transaction loads an account, it takes the
 * account's advisory lock for the transaction (commands of that account on other nodes wait for its
 * commit) and compares the store's last sequence number with the version of the copy in memory: a
 * copy older than the store, because another node recorded events since, is dropped and the
 * account read again. A stale copy therefore never decides. Later loads in the same transaction (a
 * group commit charging one account for two callers) hold the lock already and keep the copy, which
 * carries the transaction's own events that are not in the store until it commits.
 * <p>
 * The lock comes after this node's own lock of the account and is the only lock nodes share, so two
 * nodes can only wait for each other in PostgreSQL, which detects any cycle. {@link AccountLocks}
 * holds both locks, and may have taken them ahead for a group of accounts.
 */
final class FreshAccountRepository extends CachingEventSourcingRepository<CreditAccount> {

    private final Cache cache;
    private final AccountLocks locks;

    FreshAccountRepository(Builder<CreditAccount> builder, Cache cache, AccountLocks locks) {
        super(builder.cache(cache));
        this.cache = cache;
        this.locks = locks;
    }

    @Override
    protected EventSourcedAggregate<CreditAccount> doLoadWithLock(String accountId, Long expectedVersion) {
        Long stored = locks.storedVersionToCheck(accountId);
        EventSourcedAggregate<CreditAccount> account = super.doLoadWithLock(accountId, expectedVersion);
        if (stored != null && !Objects.equals(account.version(), stored)) {
            cache.remove(accountId);
            account = super.doLoadWithLock(accountId, expectedVersion);
        }
        return account;
    }
}
