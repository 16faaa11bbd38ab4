package com.creditledger.command.access;

import com.creditledger.kernel.Metadata;
import com.creditledger.platform.security.ApiKeyPrincipal;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Map;

/**
 * Every event carries the actor that caused it (docs/accounting.md, audit trail): the API key id of the request,
 * or {@value ApiKeyPrincipal#SYSTEM} for the ledger's own work. Put on each command as it is sent
 * and copied by Axon onto every event the command applies.
 */
@Configuration(proxyBeanMethods = false)
public class ActorOnEvents {


    @Bean
    ConfigurerModule actorOnCommands() {
        return configurer -> configurer.onInitialize(config -> config.onStart(() -> config.commandBus()
                .registerDispatchInterceptor(commands -> (index, command) ->
                        // a command charged on behalf of a queued caller already names that caller
                        command.getMetaData().containsKey(Metadata.ACTOR) ? command
                                : command.andMetaData(Map.of(Metadata.ACTOR, currentActor())))));
    }

    public static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiKeyPrincipal caller
                ? caller.keyId() : ApiKeyPrincipal.SYSTEM;
    }

    @Bean
    CorrelationDataProvider actorProvider() {
        return new SimpleCorrelationDataProvider(Metadata.ACTOR);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
