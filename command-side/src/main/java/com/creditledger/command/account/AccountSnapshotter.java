package com.creditledger.command.account;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Takes an account's snapshot from the copy this node holds in memory
 * ({@link FreshAccountRepository#snapshotInMemory}), and only when it holds none by reading the
 * account's events since its last snapshot and applying them again, as Axon's snapshotter does.
 * Applying them again cost one event read and deserialized per debit, on a thread of its own: when
 * a thousand accounts passed their threshold together it took a whole core (docs/benchmarks, ninth
 * cut). The copy in memory is what every command decides on, so a snapshot of it is as sound as
 * the decisions it records.
 */
final class AccountSnapshotter extends SpringAggregateSnapshotter {

    private final ObjectProvider<FreshAccountRepository> accounts;
    private final Serializer serializer;

    AccountSnapshotter(Builder builder, ObjectProvider<FreshAccountRepository> accounts, Serializer serializer) {
        super(builder);
        this.accounts = accounts;
        this.serializer = serializer;
    }

    @Override
    protected Runnable createSnapshotterTask(Class<?> aggregateType, String accountId) {
        Runnable fromStoredEvents = super.createSnapshotterTask(aggregateType, accountId);
        return () -> {
            DomainEventMessage<?> inMemory = accounts.getObject().snapshotInMemory(accountId, serializer);
            if (inMemory == null) {
                fromStoredEvents.run();
            } else {
                getEventStore().storeSnapshot(inMemory);
            }
        };
    }
}
