package com.creditledger.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection that fails on an event must not skip it: the failure rolls the whole batch back
 * (tables and token together) and the processor retries it, instead of Axon's default of logging
 * the error and moving on, which would leave the journal silently short.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionFailures {

    @Bean
    ConfigurerModule projectionFailuresPropagate() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                Projections.GROUP, configuration -> PropagatingErrorHandler.instance()));
    }
}
