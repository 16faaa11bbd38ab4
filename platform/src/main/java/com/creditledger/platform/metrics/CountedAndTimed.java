package com.creditledger.platform.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The counters and timers Axon's {@code MessageCountingMonitor} and {@code MessageTimerMonitor} keep
 * for a bus or an event processor, same names, same tags, same counting, with each tag set's meters
 * found once and kept. Axon's pair asks the registry for nine meters on every message, each a name
 * concatenated, an id hashed and a double registration checked: 5% of the command side's CPU per
 * debit (docs/benchmarks, eighth cut); they are found once per tag set ({@link MetersByTags}).
 */
final class CountedAndTimed implements MessageMonitor<Message<?>> {

    private record Meters(Counter ingested, Counter succeeded, Counter failed, Counter processed, Counter ignored,
                          Timer all, Timer successTimer, Timer failureTimer, Timer ignoredTimer) {
    }

    private final String name;
    private final MeterRegistry registry;
    private final Clock clock;
    private final MetersByTags<Meters> meters;

    CountedAndTimed(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
        this.name = name;
        this.registry = registry;
        this.clock = registry.config().clock();
        this.meters = new MetersByTags<>(tags, this::register);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = this.meters.of(message);
        meters.ingested().increment();
        long started = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                meters.processed().increment();
                meters.succeeded().increment();
                record(meters.successTimer());
            }

            @Override
            public void reportFailure(Throwable cause) {
                meters.processed().increment();
                meters.failed().increment();
                record(meters.failureTimer());
            }

            @Override
            public void reportIgnored() {
                meters.ignored().increment();
                record(meters.ignoredTimer());
            }

            private void record(Timer outcome) {
                long took = clock.monotonicTime() - started;
                meters.all().record(took, TimeUnit.NANOSECONDS);
                outcome.record(took, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Meters register(Tags tagged) {
        return new Meters(counter("ingestedCounter", tagged), counter("successCounter", tagged),
                counter("failureCounter", tagged), counter("processedCounter", tagged), counter("ignoredCounter", tagged),
                timer("allTimer", tagged), timer("successTimer", tagged), timer("failureTimer", tagged),
                timer("ignoredTimer", tagged));
    }

    private Counter counter(String meter, Tags tagged) {
        return registry.counter(name + '.' + meter, tagged);
    }

    /** Count, sum and a ten-minute maximum as Axon's; no client-side percentiles (see {@link AxonMeters}). */
    private Timer timer(String meter, Tags tagged) {
        return Timer.builder(name + '.' + meter).distributionStatisticExpiry(Duration.ofMinutes(10)).tags(tagged)
                .register(registry);
    }
}
