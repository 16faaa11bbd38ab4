package com.creditledger.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Dashboards built on Axon's meters keep working: the kept meters count exactly as Axon's own. */
class CountedAndTimedTest {

    private static final Function<Message<?>, Iterable<Tag>> BY_PAYLOAD =
            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());

    @Test
    void countsAndTimesUnderAxonsNamesAndTagsAsAxonsMonitorsDo() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry kept = new SimpleMeterRegistry();
        feed(new MultiMessageMonitor<>(List.of(MessageCountingMonitor.buildMonitor("eventStore", axons, BY_PAYLOAD),
                // as the services configured Axon's timers before: without client-side percentiles
                MessageTimerMonitor.builder().meterNamePrefix("eventStore").meterRegistry(axons).tagsBuilder(BY_PAYLOAD)
                        .timerCustomization(timer -> timer.publishPercentiles()).build())));
        feed(new CountedAndTimed("eventStore", kept, BY_PAYLOAD));

        assertThat(counts(kept)).isEqualTo(counts(axons)).containsEntry(
                "eventStore.successCounter[tag(payloadType=String)]", 3.0).containsEntry(
                "eventStore.processedCounter[tag(payloadType=String)]", 4.0).containsEntry(
                "eventStore.ignoredCounter[tag(payloadType=Integer)]", 1.0).containsEntry(
                "eventStore.allTimer[tag(payloadType=String)]", 4.0);
    }

    @Test
    void aProcessorsLatencyIsTheTimeSinceItsLastEventWasRecorded() {
        MockClock clock = new MockClock();
        MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        ProcessorLatency latency = new ProcessorLatency("ledger-projections", registry,
                message -> Tags.of("processorName", "ledger-projections"));
        Instant recorded = Instant.ofEpochMilli(clock.wallTime());
        clock.add(Duration.ofMillis(1_500));
        latency.onMessageIngested(new GenericEventMessage<>("e1", "debit", Map.of(), recorded));
        clock.add(Duration.ofMillis(250));
        latency.onMessageIngested(new GenericEventMessage<>("e2", "debit", Map.of(), recorded.plusMillis(1_700)));

        assertThat(registry.get("ledger-projections.latency").tag("processorName", "ledger-projections").gauge().value())
                .isEqualTo(50.0);
    }

    /** Three successes and a failure of strings, one ignored number. */
    private static void feed(MessageMonitor<? super Message<?>> monitor) {
        for (int i = 0; i < 3; i++) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage("debit " + i)).reportSuccess();
        }
        monitor.onMessageIngested(GenericEventMessage.asEventMessage("refused")).reportFailure(new IllegalStateException());
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(42)).reportIgnored();
    }

    /** Each meter's id and its count (a counter's total, a timer's number of timings). */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            double count = meter.measure().iterator().next().getValue();
            counts.put(meter.getId().getName() + meter.getId().getTags(), count);
        }
        return counts;
    }
}
