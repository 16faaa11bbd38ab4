package com.creditledger.command.cluster;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.LedgerClient;
import com.creditledger.testsupport.TestDatabase;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code axonserver} profile's wiring, without an Axon Server (none runs here): commands go to
 * Axon Server's command bus, which routes each aggregate's commands to one node, while events stay
 * in PostgreSQL's event store. What was not run: routing through a real Axon Server (see
 * docs/operations.md, which says how to run it with Docker).
 */
class AxonServerProfileTest {

    @Test
    void commandsAreRoutedByAxonServerWhileEventsStayInPostgres() throws IOException {
        TestDatabase.Database database = TestDatabase.create();
        int nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("axonserver")
                .run("--server.port=0", "--spring.datasource.url=" + database.url(),
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--axon.axonserver.servers=127.0.0.1:" + nobodyListens)) {
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean(EventStore.class)).isInstanceOf(EmbeddedEventStore.class);
            assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            // without the server the node cannot take commands, and says so to the load balancer
            LedgerClient node = new LedgerClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            assertThat(node.get("/actuator/health").status()).isEqualTo(503);
        }
    }
}
