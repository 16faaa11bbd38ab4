package com.creditledger.command.account;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How accounts are loaded: from a snapshot taken every {@code ledger.snapshot.threshold} events
 * plus the events after it, so an account with millions of debits loads in a few milliseconds, and
 * from an in-memory cache of the {@code ledger.aggregate-cache.size} most recently used accounts
 * between commands (each account is handled by one instance).
 */
@Configuration(proxyBeanMethods = false)
public class AccountRepositoryConfiguration {

    @Bean
    SnapshotTriggerDefinition accountSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${ledger.snapshot.threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    Cache accountCache(@Value("${ledger.aggregate-cache.size:100000}") int size) {
        return new BoundedAggregateCache(size);
    }
}
