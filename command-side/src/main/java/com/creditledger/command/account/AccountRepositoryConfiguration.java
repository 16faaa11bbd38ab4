package com.creditledger.command.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How accounts are loaded: from a snapshot taken every {@code ledger.snapshot.threshold} events
 * plus the events after it, so an account with millions of debits loads in a few milliseconds, and
 * from an in-memory cache of the {@code ledger.aggregate-cache.size} most recently used accounts
 * between commands, checked against the store before each use ({@link FreshAccountRepository}).
 * <p>
 * Snapshots are taken from the account in memory where this node holds it ({@link AccountSnapshotter}),
 * on a thread of their own. Axon takes them on the committing thread by
 * default, after the commit but before the account's lock is released, with a connection of their
 * own: when every pooled connection belongs to a command waiting for that lock (32 streams on one
 * account), the snapshot waits for a connection and the commands wait for the lock.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AccountRepositoryConfiguration {

    @Bean
    SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${ledger.snapshot.threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "account-snapshots");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    AccountSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                            ParameterResolverFactory parameterResolverFactory,
                                            EventStore eventStore, TransactionManager transactionManager,
                                            SnapshotterSpanFactory spanFactory, ExecutorService snapshotExecutor,
                                            ObjectProvider<FreshAccountRepository> accounts, Serializer serializer) {
        return new AccountSnapshotter(SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor), accounts, serializer);
    }

    @Bean
    Cache accountCache(@Value("${ledger.aggregate-cache.size:100000}") int size) {
        return new BoundedAggregateCache(size);
    }

    @Bean
    FreshAccountRepository accountRepository(EventStore eventStore, Cache accountCache,
                                                SnapshotTriggerDefinition accountSnapshotTrigger,
                                                ParameterResolverFactory parameterResolverFactory,
                                                HandlerDefinition handlerDefinition, AccountLocks locks) {
        return new FreshAccountRepository(EventSourcingRepository.builder(CreditAccount.class)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .lockFactory(locks.inThisNode()), accountCache, locks, eventStore, accountSnapshotTrigger);
    }
}
