package com.creditledger.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer.PooledStreamingProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Every pooled processor's settings beyond application.yml, each a
 * {@link PooledStreamingProcessorConfiguration} bean where its reason is written, applied together:
 * Axon keeps one default configuration, and a second registration would replace the first.
 */
@Configuration(proxyBeanMethods = false)
class PooledProcessorDefaults {

    @Bean
    static ConfigurerModule everyPooledProcessorsSettings(List<PooledStreamingProcessorConfiguration> settings) {
        PooledStreamingProcessorConfiguration all = settings.stream()
                .reduce(PooledStreamingProcessorConfiguration::andThen)
                .orElse((config, builder) -> builder);
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerPooledStreamingEventProcessorConfiguration(all));
    }
}
