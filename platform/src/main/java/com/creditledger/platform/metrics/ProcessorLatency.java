package com.creditledger.platform.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An event processor's latency gauge as Axon's {@code EventProcessorLatencyMonitor} keeps it (the
 * milliseconds between an event's recording and its handling, under {@code <processor>.latency}),
 * registered once per tag set instead of on every event.
 */
final class ProcessorLatency implements MessageMonitor<EventMessage<?>> {

    private final Clock clock;
    private final MetersByTags<AtomicLong> latencies;

    ProcessorLatency(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
        this.clock = registry.config().clock();
        this.latencies = new MetersByTags<>(tags, tagged -> {
            AtomicLong latency = new AtomicLong();
            Gauge.builder(name + ".latency", latency::get).tags(tagged).register(registry);
            return latency;
        });
    }

    @Override
    public MonitorCallback onMessageIngested(EventMessage<?> message) {
        latencies.of(message).set(clock.wallTime() - message.getTimestamp().toEpochMilli());
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
