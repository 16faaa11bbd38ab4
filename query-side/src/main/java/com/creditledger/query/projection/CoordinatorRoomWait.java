package com.creditledger.query.projection;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How long a processor's coordinator waits for room in its work packages. The coordinator reads
 * events into each work package's queue; when a queue holds 1,024 events (Axon's
 * {@code WorkPackage.BUFFER_SIZE}) it stops and looks again {@value #AXON_ROOM_WAIT_MILLIS} ms later,
 * and nothing wakes it sooner. A work package takes its whole queue into a batch, so in a replay the
 * queue was full again within milliseconds of each batch starting, and the work package, done with
 * its batch in less than that wait, sat idle until the coordinator looked again: a replay ran at
 * about a thousand events per wait. The coordinator now looks again after
 * {@code ledger.query.coordinator-room-wait} (5 ms); a look that finds no room costs a check of the
 * queues' sizes. Its other waits (claims, back-off after errors, idle polls) are Axon's.
 */
@Configuration(proxyBeanMethods = false)
class CoordinatorRoomWait {

    /** The delay Axon's coordinator reschedules itself with when a work package's queue is full. */
    static final long AXON_ROOM_WAIT_MILLIS = 100;

    @Bean
    static PooledStreamingProcessorConfiguration coordinatorsLookForRoomSooner(
            @Value("${ledger.query.coordinator-room-wait:PT0.005S}") Duration roomWait) {
        return (config, builder) -> builder.coordinatorExecutor(processor -> {
            Scheduler scheduler = new Scheduler(processor, roomWait);
            config.onShutdown(scheduler::shutdown);
            return scheduler;
        });
    }

    /** A coordinator's single thread, on which a wait for room lasts {@code roomWait}. */
    static final class Scheduler extends ScheduledThreadPoolExecutor {

        private final long roomWaitNanos;

        Scheduler(String processor, Duration roomWait) {
            super(1, new AxonThreadFactory("Coordinator[" + processor + "]"));
            if (roomWait.isNegative() || roomWait.toMillis() > AXON_ROOM_WAIT_MILLIS) {
                throw new IllegalArgumentException("ledger.query.coordinator-room-wait is 0 to "
                        + AXON_ROOM_WAIT_MILLIS + " ms, not " + roomWait);
            }
            this.roomWaitNanos = roomWait.toNanos();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (unit.toMillis(delay) == AXON_ROOM_WAIT_MILLIS) {
                return super.schedule(command, roomWaitNanos, TimeUnit.NANOSECONDS);
            }
            return super.schedule(command, delay, unit);
        }
    }
}
