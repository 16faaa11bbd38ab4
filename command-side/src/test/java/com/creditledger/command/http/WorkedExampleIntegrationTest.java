package com.creditledger.command.http;

import com.creditledger.testsupport.LedgerClient;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked example of docs/accounting.md driven through the HTTP API against real PostgreSQL with the manual clock: a $9,999
 * top-up, 70% of it used at month-ends, the rest expiring a year later.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the manual clock only moves forward: a ledger (context and database) of this class's own
        properties = {"ledger.clock.mode=manual", "spring.application.name=WorkedExampleIntegrationTest"})
@ContextConfiguration(initializers = FreshDatabase.class)
class WorkedExampleIntegrationTest {

    private static final String ACCOUNT = "worked-example";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aYearOfUsageThenExpiryRecognizesRevenueAndBreakageToTheCent() {
        LedgerClient ledger = new LedgerClient(port);
        assertThat(ledger.setClock("2025-01-01T10:00:00Z").status()).isEqualTo(200);
        assertThat(ledger.openAccount(ACCOUNT).status()).isEqualTo(201);

        LedgerClient.Response topUp = ledger.topUp(ACCOUNT, "pack-9999", "9999.00");
        assertThat(topUp.status()).isEqualTo(201);
        assertThat(topUp.body().at("/lots/0/kind").asText()).isEqualTo("COMBINED");
        assertThat(topUp.body().at("/lots/0/credits").asText()).isEqualTo("10998.90");
        assertThat(topUp.body().at("/lots/0/expiresAt").asText()).isEqualTo("2026-01-01T10:00:00Z");

        for (int month = 1; month <= 12; month++) {
            String monthEnd = YearMonth.of(2025, month).atEndOfMonth().atTime(23, 0).toInstant(ZoneOffset.UTC).toString();
            assertThat(ledger.setClock(monthEnd).status()).isEqualTo(200);
            String credits = month == 12 ? "641.63" : "641.60";
            LedgerClient.Response debit = ledger.post("/v1/accounts/" + ACCOUNT + "/usage",
                    "{\"idempotencyKey\":\"month-" + month + "\",\"amount\":\"" + credits + "\",\"occurredAt\":\"" + monthEnd + "\"}");
            assertThat(debit.status()).as(debit.raw()).isEqualTo(201);
        }
        LedgerClient.Response expiry = ledger.setClock("2026-01-01T10:00:00Z");
        assertThat(expiry.body().path("lotsExpired").asInt()).isEqualTo(1);

        StoredEvents events = new StoredEvents(jdbc);
        List<String> monthlyRevenue = new ArrayList<>();
        BigDecimal usageRevenue = BigDecimal.ZERO;
        for (JsonNode debited : events.of(ACCOUNT, "UsageDebited")) {
            BigDecimal revenue = new BigDecimal(debited.at("/draws/0/revenue").asText());
            monthlyRevenue.add(revenue.toPlainString());
            usageRevenue = usageRevenue.add(revenue);
        }
        assertThat(monthlyRevenue).containsExactly("583.27", "583.28", "583.27", "583.27", "583.27", "583.28",
                "583.27", "583.27", "583.27", "583.28", "583.27", "583.30");
        assertThat(usageRevenue).isEqualByComparingTo("6999.30");
        assertThat(new BigDecimal("9999.00").subtract(usageRevenue)).as("deferred revenue at 2025-12-31")
                .isEqualByComparingTo("2999.70");

        List<JsonNode> expired = events.of(ACCOUNT, "CreditExpired");
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).path("credits").asText()).isEqualTo("3299.67");
        assertThat(expired.get(0).path("breakage").asText()).isEqualTo("2999.70");
        assertThat(expired.get(0).path("expiredAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(usageRevenue.add(new BigDecimal(expired.get(0).path("breakage").asText())))
                .as("lifetime revenue equals cash").isEqualByComparingTo("9999.00");
    }
}
