package com.creditledger.query;

import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history driven through the command side's HTTP API, its own process on this test's database,
 * and read back through the query side, this test's Spring context. Subclasses carry their own
 * {@code @SpringBootTest} (a context, and so a fresh database, of their own) and start the command
 * side with the arguments they need, usually the manual clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerScenario {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    LedgerProcess commandSide;
    LedgerClient commands;
    LedgerClient queries;

    void startCommandSide(String... arguments) {
        commandSide = LedgerProcess.commandSideBeside(environment, arguments);
        commands = commandSide.client();
        queries = new LedgerClient(port);
    }

    @AfterAll
    void stopCommandSide() {
        if (commandSide != null) {
            commandSide.close();
        }
    }

    /** A new API key of the role, on the command side. */
    LedgerClient keyOf(String role) {
        return commands.withKey(commands.post("/v1/admin/api-keys", "{\"role\":\"" + role + "\"}").text("token"));
    }

    /** Moves the manual clock; the answer says what fell due on the way. */
    JsonNode at(String instant) {
        LedgerClient.Response response = commands.setClock(instant);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    static void created(LedgerClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }

    static void refused(LedgerClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
    }

    long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** Until every event in the store is in the projections, on every segment. */
    void awaitProjections() {
        long last = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
        LedgerClient.Response status = queries.get("/v1/admin/projections?waitFor=" + last);
        assertThat(status.status()).as(status.raw()).isEqualTo(200);
    }

    /** The projections' segments in the token table. */
    int projectionSegments() {
        return jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = 'ledger-projections'", Integer.class);
    }

    /** Until the projections run on {@code count} segments again after a replay (each merge waits for a tick). */
    void awaitProjectionSegments(int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (projectionSegments() != count) {
            assertThat(System.nanoTime()).as("segments merged back to " + count).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The {@code rows} of a query-side report. */
    List<JsonNode> rows(String path) {
        LedgerClient.Response response = queries.get(path);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        response.body().path("rows").forEach(rows::add);
        return rows;
    }
}
