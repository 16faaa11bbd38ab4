package com.creditledger.command.clock;

import com.creditledger.kernel.Metadata;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Every event carries the ledger clock's instant it was recorded at ({@link Metadata#RECORDED_AT}),
 * so the recording-time axis ({@code knownAt}) and period closes follow the same clock as business
 * time: a scripted history with the manual clock records "closed at 2025-02-03T18:00Z" and "known at
 * 2025-02-03T19:00Z" as it says. Axon's own timestamp stays the wall clock's: the query side's gap
 * detection compares it with its own wall clock, and a timestamp in the past would make it give up
 * waiting for events still being committed.
 */
@Configuration(proxyBeanMethods = false)
class RecordingTime {

    @Bean
    ConfigurerModule recordingTimeOnEvents(LedgerClock clock) {
        return configurer -> configurer.onInitialize(config -> config.onStart(() -> config.eventBus()
                .registerDispatchInterceptor(events -> (index, event) ->
                        event.andMetaData(Map.of(Metadata.RECORDED_AT, clock.now().toString())))));
    }
}
