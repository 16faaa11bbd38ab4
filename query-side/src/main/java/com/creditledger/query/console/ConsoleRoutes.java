package com.creditledger.query.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.net.URI;
import java.util.Map;

/**
 * The console (static files under {@code /console/}) and the one thing it must be told: where the
 * command side answers its actions ({@code ledger.console.command-url}; empty: this host, port 8080).
 * The page and this are open; every figure it shows is fetched with the signed-in key.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes {

    @Bean
    RouterFunction<ServerResponse> console(@Value("${ledger.console.command-url:}") String commandUrl) {
        return RouterFunctions.route()
                .GET("/console", request -> ServerResponse.status(302).location(URI.create("/console/index.html")).build())
                .GET("/console/", request -> ServerResponse.status(302).location(URI.create("/console/index.html")).build())
                .GET("/console/config.json", request -> ServerResponse.ok().body(Map.of("commandUrl", commandUrl)))
                .build();
    }
}
