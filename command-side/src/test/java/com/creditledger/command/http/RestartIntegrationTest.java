package com.creditledger.command.http;

import com.creditledger.testsupport.LedgerClient;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side is stopped while debits are streaming in and started again on the same
 * database: every acknowledged debit is there exactly once, and a lot that fell due while the
 * service was down is expired once, at its own instant.
 */
class RestartIntegrationTest {

    private final TestDatabase.Database database = TestDatabase.create();
    private final JdbcTemplate jdbc = new JdbcTemplate(
            new DriverManagerDataSource(database.url(), database.user(), database.password()));

    @Test
    void nothingAcknowledgedIsLostAndDueExpiriesAreAppliedOnce() throws Exception {
        ConfigurableApplicationContext first = start();
        LedgerClient ledger = client(first);
        ledger.openAccount("restarted");
        // the ledger keeps times to the microsecond, like PostgreSQL
        Instant shortLotExpiry = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MICROS);
        assertThat(ledger.post("/v1/accounts/restarted/top-ups", "{\"topUpId\":\"short\",\"amount\":\"5.00\","
                + "\"principalExpiresAt\":\"" + shortLotExpiry + "\"}").status()).isEqualTo(201);
        assertThat(ledger.topUp("restarted", "long", "1000.00").status()).isEqualTo(201);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService gateway = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            int t = thread;
            gateway.submit(() -> {
                for (int i = 0; running.get(); i++) {
                    String key = "g" + t + "-" + i;
                    try {
                        if (ledger.debit("restarted", key, "0.01").status() == 201) {
                            acknowledged.add(key);
                        }
                    } catch (UncheckedIOException serviceDown) {
                        // not acknowledged: the gateway would retry it later
                    }
                }
            });
        }
        Thread.sleep(1500);
        first.close(); // mid-run: debits are in flight
        running.set(false);
        gateway.shutdown();
        assertThat(gateway.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).isNotEmpty();
        assertThat(countOf("CreditExpired")).as("the short lot is not due yet when the service stops").isZero();

        while (Instant.now().isBefore(shortLotExpiry.plusSeconds(1))) {
            Thread.sleep(200); // the short lot falls due while the service is down
        }

        ConfigurableApplicationContext second = start();
        try {
            awaitExpiries(1, Duration.ofSeconds(15));
            List<String> stored = jdbc.queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'idempotencyKey' "
                    + "FROM domainevententry WHERE payloadtype LIKE '%UsageDebited'", String.class);
            assertThat(stored).doesNotHaveDuplicates().containsAll(acknowledged);

            String expired = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                    + "WHERE payloadtype LIKE '%CreditExpired'", String.class);
            assertThat(expired).contains("\"lotId\":\"short.principal\"")
                    .contains("\"expiredAt\":\"" + shortLotExpiry + "\"");

            LedgerClient again = client(second);
            String anyKey = acknowledged.iterator().next();
            assertThat(again.debit("restarted", anyKey, "0.01").http().headers().firstValue("Idempotent-Replayed"))
                    .hasValue("true");
            Thread.sleep(2500); // several expiry polls of the restarted service
        } finally {
            second.close();
        }
        ConfigurableApplicationContext third = start();
        try {
            Thread.sleep(2500);
            assertThat(countOf("CreditExpired")).as("expired exactly once across restarts").isEqualTo(1);
        } finally {
            third.close();
        }
    }

    @Test
    void holdsThatFallDueWhileTheServiceIsDownExpireOnceAtTheirOwnInstant() throws Exception {
        ConfigurableApplicationContext first = start();
        Map<String, String> expiresAt = new HashMap<>();
        try {
            LedgerClient ledger = client(first);
            ledger.openAccount("held");
            assertThat(ledger.topUp("held", "t1", "100.00").status()).isEqualTo(201);
            for (String[] hold : new String[][]{{"h1", "10.00", "PT2S"}, {"h2", "20.00", "PT3S"}}) {
                LedgerClient.Response reserved = ledger.post("/v1/accounts/held/reservations", "{\"reservationId\":\""
                        + hold[0] + "\",\"amount\":\"" + hold[1] + "\",\"expiresIn\":\"" + hold[2] + "\"}");
                assertThat(reserved.status()).as(reserved.raw()).isEqualTo(201);
                expiresAt.put(hold[0], reserved.text("expiresAt"));
            }
            assertThat(ledger.get("/v1/accounts/held/spendable").text("reserved")).isEqualTo("30.00");
        } finally {
            first.close();
        }
        Instant lastDue = Instant.parse(expiresAt.get("h2"));
        while (Instant.now().isBefore(lastDue.plusSeconds(1))) {
            Thread.sleep(200); // both holds fall due while the service is down
        }
        assertThat(countOf("ReservationExpired")).isZero();

        ConfigurableApplicationContext second = start();
        try {
            Instant deadline = Instant.now().plusSeconds(15);
            while (countOf("ReservationExpired") < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            for (String hold : List.of("h1", "h2")) {
                String expired = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                        + "WHERE payloadtype LIKE '%ReservationExpired' AND convert_from(payload, 'UTF8')::jsonb "
                        + "->> 'reservationId' = ?", String.class, hold);
                assertThat(expired).contains("\"expiredAt\":\"" + expiresAt.get(hold) + "\"");
            }
            LedgerClient.Response spendable = client(second).get("/v1/accounts/held/spendable");
            assertThat(spendable.text("reserved")).isEqualTo("0.00");
            assertThat(spendable.text("available")).isEqualTo("100.00");
            Thread.sleep(1500); // several expiry polls of the restarted service
        } finally {
            second.close();
        }
        ConfigurableApplicationContext third = start();
        try {
            Thread.sleep(1500);
            assertThat(countOf("ReservationExpired")).as("each hold expired exactly once across restarts").isEqualTo(2);
        } finally {
            third.close();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--ledger.expiry.poll-interval=PT0.5S",
                "--ledger.expiry.initial-delay=PT0.1S");
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return new LedgerClient(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    private long countOf(String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?", Long.class,
                "%" + eventType);
    }

    private void awaitExpiries(long expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (countOf("CreditExpired") < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(countOf("CreditExpired")).isEqualTo(expected);
    }
}
