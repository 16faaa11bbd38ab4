package com.creditledger.command;

import com.creditledger.platform.LedgerEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the command side appends events: Axon's JDBC storage, with timestamps written by position. */
@Configuration(proxyBeanMethods = false)
class EventStorage {

    @Bean
    JdbcEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              PersistenceExceptionResolver persistenceExceptionResolver,
                                              org.axonframework.config.Configuration configuration,
                                              ConnectionProvider connectionProvider,
                                              TransactionManager transactionManager) {
        return new LedgerEventStorageEngine(LedgerEventStorageEngine.configured(defaultSerializer, eventSerializer,
                persistenceExceptionResolver, configuration, connectionProvider, transactionManager));
    }
}
