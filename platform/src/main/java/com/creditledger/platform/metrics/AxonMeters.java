package com.creditledger.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Function;

/**
 * Axon's meters for the command bus, event store, query bus and event processors, under Axon's own
 * names and tags, without the two parts whose cost grew with every message (decision 86):
 * <ul>
 *   <li>the capacity gauge, which keeps every message's timing for ten minutes: at 3,000 events/s,
 *       nearly two million entries per monitor, each surviving every young collection until the old
 *       generation is full of them;</li>
 *   <li>client-side percentiles on the timers (six quantiles over a ten-minute window, updated per
 *       message). Counts, sums and maxima stay; latency percentiles come from the services' own histograms.</li>
 * </ul>
 * The counters, timers and processor latency ({@link CountedAndTimed}, {@link ProcessorLatency}) find a
 * tag set's meters once, not per message as Axon's monitors do.
 * Only the dimensional form is replaced: the services configure {@code axon.metrics.micrometer.dimensional}.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMeters {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new WithoutRetainedTimings(registry);
    }

    static final class WithoutRetainedTimings extends GlobalMetricRegistry {

        private final MeterRegistry registry;

        WithoutRetainedTimings(MeterRegistry registry) {
            super(registry);
            this.registry = registry;
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
                String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return new MultiMessageMonitor<>(List.of(
                    new CountedAndTimed(name, registry, tags),
                    new ProcessorLatency(name, registry, latencyTags)));
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return new CountedAndTimed(name, registry, tags);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventBus(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return new CountedAndTimed(name, registry, tags);
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return new CountedAndTimed(name, registry, tags);
        }
    }
}
