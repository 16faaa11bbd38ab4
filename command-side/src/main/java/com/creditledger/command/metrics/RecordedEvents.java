package com.creditledger.command.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ledger.events.recorded{type}}: every fact the ledger records, counted once it is committed
 * (a rolled-back transaction counts nothing). One meter answers "how many debits, holds captured,
 * lots expired, expiry notices, top-ups" on each node; Prometheus sums the nodes.
 */
@Configuration(proxyBeanMethods = false)
class RecordedEvents {

    @Bean
    ConfigurerModule countRecordedEvents(MeterRegistry meters) {
        Map<String, Counter> byType = new ConcurrentHashMap<>();
        return configurer -> configurer.onInitialize(config -> config.onStart(() -> config.eventBus()
                .registerDispatchInterceptor(events -> {
                    List<String> types = events.stream().map(event -> event.getPayloadType().getSimpleName()).toList();
                    Runnable count = () -> types.forEach(type -> byType.computeIfAbsent(type, t -> Counter
                            .builder("ledger.events.recorded").tag("type", t)
                            .description("events committed to the store, by type").register(meters)).increment());
                    if (CurrentUnitOfWork.isStarted()) {
                        CurrentUnitOfWork.get().afterCommit(unitOfWork -> count.run());
                    } else {
                        count.run();
                    }
                    return (index, event) -> event;
                })));
    }
}
