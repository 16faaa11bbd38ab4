package com.creditledger.command.ratecard;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.kernel.ratecard.ModelPrices;
import com.creditledger.platform.LedgerSerialization;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage is priced by the cards this node has loaded, without reading the cards' table, and each
 * group commit counts the table's rows: a card another node published (all this node can see of it
 * is the row that node's publish wrote) prices every call made after it, whichever way it comes.
 */
// a ledger of its own: the cards published here would price every other test's calls
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=CardsPublishedElsewhereIntegrationTest")
@ContextConfiguration(initializers = FreshDatabase.class)
class CardsPublishedElsewhereIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCardPublishedThroughAnotherNodePricesEveryLaterCallOnThisOne() throws Exception {
        LedgerClient ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        ledger.openAccount("near");
        ledger.openAccount("far");
        ledger.topUp("near", "t1", "999.00");
        ledger.topUp("far", "t1", "999.00");
        assertThat(amountOf(call(ledger, "near", "before", "gpt-4o"))).isEqualByComparingTo("2.50"); // the standard list

        publishedElsewhere("elsewhere-1", "2025-01-01T00:00:00Z", "gpt-4o", "7");
        assertThat(amountOf(call(ledger, "near", "single", "gpt-4o"))).isEqualByComparingTo("7.00");

        // a model only the new card has is not refused by the cards this node knew
        publishedElsewhere("elsewhere-2", "2025-02-01T00:00:00Z", "probe", "3");
        assertThat(amountOf(call(ledger, "near", "new-model", "probe"))).isEqualByComparingTo("3.00");

        publishedElsewhere("elsewhere-3", "2025-02-15T00:00:00Z", "probe", "11");
        LedgerClient.Response batch = ledger.post("/v1/usage:batch", """
                {"records":[
                  {"accountId":"near","idempotencyKey":"batch-near","model":"probe","inputTokens":1000000},
                  {"accountId":"far","idempotencyKey":"batch-far","model":"probe","inputTokens":1000000}
                ]}""");
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        for (JsonNode result : batch.body().path("results")) {
            assertThat(new BigDecimal(result.at("/receipt/amount").asText())).isEqualByComparingTo("11.00");
        }

        assertThat(ledger.post("/v1/accounts/far/reservations",
                "{\"reservationId\":\"h1\",\"amount\":\"50.00\",\"expiresIn\":\"PT1H\"}").status()).isEqualTo(201);
        publishedElsewhere("elsewhere-4", "2025-02-20T00:00:00Z", "probe", "13");
        LedgerClient.Response captured = ledger.post("/v1/accounts/far/reservations/h1/capture",
                "{\"idempotencyKey\":\"capture\",\"model\":\"probe\",\"inputTokens\":1000000,\"final\":true}");
        assertThat(captured.status()).as(captured.raw()).isEqualTo(201);
        assertThat(amountOf(captured)).isEqualByComparingTo("13.00");
    }

    private static LedgerClient.Response call(LedgerClient ledger, String account, String key, String model) {
        LedgerClient.Response call = ledger.post("/v1/accounts/" + account + "/usage",
                "{\"idempotencyKey\":\"" + key + "\",\"model\":\"" + model + "\",\"inputTokens\":1000000}");
        assertThat(call.status()).as(call.raw()).isEqualTo(201);
        return call;
    }

    private static BigDecimal amountOf(LedgerClient.Response call) {
        return new BigDecimal(call.text("amount"));
    }

    /** What another node's publish leaves for this one: its row in the cards' table. */
    private void publishedElsewhere(String version, String effectiveFrom, String model, String inputPerMillion)
            throws Exception {
        BigDecimal input = new BigDecimal(inputPerMillion);
        String models = LedgerSerialization.eventMapper().writeValueAsString(
                Map.of(model, new ModelPrices(input, input.movePointLeft(1), BigDecimal.ONE)));
        jdbc.update("INSERT INTO rate_card (version, effective_from, models) VALUES (?, ?::timestamptz, ?::jsonb)",
                version, effectiveFrom, models);
    }
}
