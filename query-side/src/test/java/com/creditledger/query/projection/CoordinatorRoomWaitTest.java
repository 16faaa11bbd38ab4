package com.creditledger.query.projection;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A coordinator whose work packages are full looks for room again after 5 ms, not Axon's 100; its
 * other waits keep their length, and both pooled processors get it beside the other default settings.
 */
class CoordinatorRoomWaitTest {

    @Test
    void aWaitForRoomLastsTheConfiguredFewMillisecondsAndOtherWaitsTheirOwn() {
        CoordinatorRoomWait.Scheduler scheduler = new CoordinatorRoomWait.Scheduler("ledger-projections",
                Duration.ofMillis(5));
        try {
            ScheduledFuture<?> room = scheduler.schedule(() -> { }, 100, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> idle = scheduler.schedule(() -> { }, 200, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> claim = scheduler.schedule(() -> { }, 1, TimeUnit.SECONDS);

            assertThat(room.getDelay(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(5);
            assertThat(idle.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(150);
            assertThat(claim.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(900);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aWaitLongerThanAxonsOwnIsRefused() {
        assertThatThrownBy(() -> new CoordinatorRoomWait.Scheduler("ledger-projections", Duration.ofMillis(150)))
                .hasMessageContaining("coordinator-room-wait is 0 to 100 ms");
    }

    @Test
    void everyDefaultSettingIsAppliedNotOnlyTheLastRegistered() {
        ConfigurerModule module = PooledProcessorDefaults.everyPooledProcessorsSettings(List.of(
                ProjectionProgress.idleSegmentsStoreTheirTokens(Duration.ofMillis(200)),
                CoordinatorRoomWait.coordinatorsLookForRoomSooner(Duration.ofMillis(5))));
        EventProcessingConfigurer processing = mock(EventProcessingConfigurer.class);
        Configurer configurer = mock(Configurer.class);
        when(configurer.eventProcessing(ArgumentMatchers.<Consumer<EventProcessingConfigurer>>any())).thenAnswer(call -> {
            call.<Consumer<EventProcessingConfigurer>>getArgument(0).accept(processing);
            return configurer;
        });

        module.configureModule(configurer);

        ArgumentCaptor<PooledStreamingProcessorConfiguration> registered =
                ArgumentCaptor.forClass(PooledStreamingProcessorConfiguration.class);
        verify(processing).registerPooledStreamingEventProcessorConfiguration(registered.capture());
        PooledStreamingEventProcessor.Builder builder = spy(PooledStreamingEventProcessor.builder());
        registered.getValue().apply(mock(Configuration.class), builder);
        verify(builder).claimExtensionThreshold(200);
        verify(builder).coordinatorExecutor(ArgumentMatchers.<Function<String, ScheduledExecutorService>>any());
    }
}
