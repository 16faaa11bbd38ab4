package com.creditledger.command.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.lock.Lock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;

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
    private final EventStore events;
    private final SnapshotTriggerDefinition snapshotTriggers;

    FreshAccountRepository(Builder<CreditAccount> builder, Cache cache, AccountLocks locks, EventStore events,
                           SnapshotTriggerDefinition snapshotTriggers) {
        // the store and triggers are kept too: a snapshot of a cached copy recreates it with them
        super(builder.cache(cache).eventStore(events).snapshotTriggerDefinition(snapshotTriggers));
        this.cache = cache;
        this.locks = locks;
        this.events = events;
        this.snapshotTriggers = snapshotTriggers;
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

    /**
     * A snapshot of this node's copy of an account, as of the copy's version; null when the account is
     * not in memory. Taken under this node's lock of the account, so no command of it is between its
     * handling and its end: the copy holds exactly the events up to its version (a transaction that
     * rolled back has dropped its copy before it releases the lock). It is copied through the
     * serializer before the lock is released, as the next command will change the copy in place.
     */
    DomainEventMessage<CreditAccount> snapshotInMemory(String accountId, Serializer serializer) {
        Lock lock = locks.inThisNode().obtainLock(accountId);
        try {
            AggregateCacheEntry<CreditAccount> entry = cache.get(accountId);
            if (entry == null) {
                return null;
            }
            EventSourcedAggregate<CreditAccount> account = entry.recreateAggregate(aggregateModel(), events, snapshotTriggers);
            if (account.isDeleted() || account.version() == null) {
                return null;
            }
            CreditAccount copy = serializer.deserialize(serializer.serialize(account.getAggregateRoot(), byte[].class));
            return new GenericDomainEventMessage<>(account.type(), accountId, account.version(), copy);
        } finally {
            lock.release();
        }
    }
}
