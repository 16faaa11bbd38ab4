package com.creditledger.platform.direct;

import com.creditledger.platform.security.KeyAuthorization;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@link DirectRoutes} ahead of every other servlet filter, for the service's {@link DirectRoute} beans. */
@Configuration(proxyBeanMethods = false)
public class DirectRouting {

    @Bean
    FilterRegistrationBean<DirectRoutes> directRoutes(ObjectProvider<DirectRoute<?>> routes, KeyAuthorization authorization,
                                                      ObjectMapper json, Validator validator,
                                                      ObjectProvider<MeterRegistry> meters,
                                                      ApplicationContext context) {
        FilterRegistrationBean<DirectRoutes> registration = new FilterRegistrationBean<>(new DirectRoutes(routes.orderedStream().toList(),
                authorization, json, validator, meters.getIfAvailable(CompositeMeterRegistry::new),
                new DirectAnswers(json, context)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
