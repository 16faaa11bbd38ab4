package com.creditledger.command.http;

import com.creditledger.command.CommandSideApplication;
import com.creditledger.testsupport.FreshDatabase;
import com.creditledger.testsupport.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateways that meter to OpenMeter plug in unchanged: LiteLLM's callback event exactly as it
 * posts it, batches with per-event results, a retry by (source, id) charged once, and malformed
 * CloudEvents refused with nothing changed. Prices: gpt-4o 2.50 input / 0.25 cached / 10.00 output,
 * claude-sonnet-4.6 2.55 / 0.255 / 12.75 credits per million tokens.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.clock.mode=manual", "spring.application.name=CloudEventsIntegrationTest"})
@ContextConfiguration(initializers = FreshDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudEventsIntegrationTest {

    private static final String EVENT = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";

    /** LiteLLM's OpenMeter callback: json.dumps of its dict, a datetime's isoformat, the cost as a float. */
    private static final String LITELLM = "{\"specversion\": \"1.0\", \"type\": \"litellm_tokens\", \"id\": "
            + "\"chatcmpl-9f2a\", \"time\": \"2025-03-01T12:00:00.123456+00:00\", \"subject\": \"ce-acme\", "
            + "\"source\": \"litellm-proxy\", \"data\": {\"model\": \"gpt-4o\", \"cost\": 3.5, \"prompt_tokens\": "
            + "1000000, \"completion_tokens\": 100000, \"total_tokens\": 1100000}}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private LedgerClient ledger;

    @BeforeAll
    void twoAccountsWithTheNinetyNineDollarPack() {
        ledger = new LedgerClient(port);
        ledger.setClock("2025-03-01T00:00:00Z");
        assertThat(ledger.openAccount("ce-acme").status()).isEqualTo(201);
        assertThat(ledger.topUp("ce-acme", "t1", "99.00").status()).isEqualTo(201); // 118.80 credits
        assertThat(ledger.openAccount("ce-batch").status()).isEqualTo(201);
        assertThat(ledger.topUp("ce-batch", "t1", "99.00").status()).isEqualTo(201);
        ledger.setClock("2025-03-02T00:00:00Z");
    }

    @Test
    void litellmsEventIsChargedOnceWhereverItIsPostedAndHoweverOftenItIsRetried() {
        // 1,000,000 × 2.50 + 100,000 × 10.00 per million = 2.50 + 1.00 = 3.50; 118.80 − 3.50 = 115.30
        LedgerClient.Response charged = ledger.send("POST", "/api/v1/events", LITELLM, EVENT);
        assertThat(charged.status()).as(charged.raw()).isEqualTo(201);
        assertThat(charged.text("amount")).isEqualTo("3.50");
        assertThat(charged.text("balance")).isEqualTo("115.30");
        assertThat(charged.text("idempotencyKey")).isEqualTo("litellm-proxy:chatcmpl-9f2a");
        assertThat(charged.http().headers().firstValue("Idempotent-Replayed")).hasValue("false");

        LedgerClient.Response retried = ledger.send("POST", "/v1/events", LITELLM, EVENT + "; charset=utf-8");
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(retried.text("balance")).isEqualTo("115.30");
        assertThat(retried.http().headers().firstValue("Idempotent-Replayed")).hasValue("true");

        JsonNode debit = new StoredEvents(jdbc).of("ce-acme", "UsageDebited").get(0);
        assertThat(debit.path("requestId").asText()).isEqualTo("chatcmpl-9f2a");
        assertThat(debit.path("occurredAt").asText()).isEqualTo("2025-03-01T12:00:00.123456Z");
        assertThat(new StoredEvents(jdbc).of("ce-acme", "UsageDebited")).hasSize(1);
    }

    @Test
    void aBatchAnswersEveryEventOnItsOwnAndChargesEachCallOnce() {
        String openAi = event("b-1", "ce-batch", "\"model\":\"gpt-4o\",\"prompt_tokens\":1000000,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":400000},\"completion_tokens\":100000,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":30000}");
        String anthropic = event("b-2", "ce-batch", "\"model\":\"claude-sonnet-4.6\",\"input_tokens\":1000000,"
                + "\"cache_read_input_tokens\":2000000,\"output_tokens\":200000");
        String batch = "[" + openAi + "," + anthropic + "," + openAi + ","
                + event("b-3", "nobody", "\"model\":\"gpt-4o\",\"prompt_tokens\":1") + ","
                + event("b-4", "ce-batch", "\"model\":\"gpt-4o\",\"prompt_tokens\":\"1\"") + ","
                + openAi.replace("\"specversion\":\"1.0\",", "") + "]";

        LedgerClient.Response answered = ledger.send("POST", "/v1/events", batch, BATCH);
        assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
        JsonNode results = answered.body().path("results");
        assertThat(results).hasSize(6);
        // 600,000 × 2.50 + 400,000 × 0.25 + 100,000 × 10.00 per million = 1.50 + 0.10 + 1.00 = 2.60
        assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
        assertThat(results.get(0).at("/receipt/amount").asText()).isEqualTo("2.60");
        // 1,000,000 × 2.55 + 2,000,000 × 0.255 + 200,000 × 12.75 per million = 2.55 + 0.51 + 2.55 = 5.61
        assertThat(results.get(1).at("/receipt/amount").asText()).isEqualTo("5.61");
        assertThat(results.get(1).at("/receipt/balance").asText()).isEqualTo("110.59"); // 118.80 − 2.60 − 5.61
        assertThat(results.get(2).path("status").asText()).isEqualTo("replayed");
        assertThat(results.get(3).path("code").asText()).isEqualTo("account_not_found");
        assertThat(results.get(3).path("field").asText()).isEqualTo("subject");
        assertThat(results.get(4).path("code").asText()).isEqualTo("validation_failed");
        assertThat(results.get(4).path("field").asText()).isEqualTo("data.prompt_tokens");
        assertThat(results.get(5).path("field").asText()).isEqualTo("specversion");
        assertThat(results.get(5).path("id").asText()).isEqualTo("b-1");

        LedgerClient.Response again = ledger.send("POST", "/v1/events", batch, BATCH);
        assertThat(again.body().at("/results/0/status").asText()).isEqualTo("replayed");
        assertThat(again.body().at("/results/1/status").asText()).isEqualTo("replayed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'ce-batch' "
                + "AND payloadtype LIKE '%UsageDebited' AND convert_from(payload, 'UTF8') LIKE '%\"gw:b-%'",
                Long.class)).isEqualTo(2);
    }

    @Test
    void malformedCloudEventsAreRefusedAndChangeNothing() {
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        String good = event("m-1", "ce-acme", "\"model\":\"gpt-4o\",\"prompt_tokens\":1000");
        refused(ledger.send("POST", "/v1/events", good.replace("\"specversion\":\"1.0\",", ""), EVENT), 400,
                "validation_failed", "specversion");
        refused(ledger.send("POST", "/v1/events", good, "application/json"), 415, "unsupported_media_type", null);
        refused(ledger.send("POST", "/v1/events", good.replace("ce-acme", "nobody"), EVENT), 404,
                "account_not_found", "subject");
        refused(ledger.send("POST", "/v1/events", good.replace("\"id\":\"m-1\"", "\"id\":\"m-1\",\"id\":\"m-2\""),
                EVENT), 400, "malformed_request", null);
        refused(ledger.send("POST", "/v1/events", good + "{}", EVENT), 400, "malformed_request", null);
        refused(ledger.send("POST", "/v1/events", good, BATCH), 400, "validation_failed", null);
        refused(ledger.send("POST", "/v1/events", good.replace("gpt-4o", "gpt-99"), EVENT), 422, "unknown_model",
                "data.model");
        refused(ledger.send("POST", "/v1/events", good.replace("\"data\":{", "\"time\":\"2025-03-09T00:00:00Z\","
                + "\"data\":{"), EVENT), 400, "validation_failed", "time");
        LedgerClient.Response customer = ledger.withKey(ledger.post("/v1/admin/api-keys",
                "{\"role\":\"CUSTOMER\",\"accountId\":\"ce-acme\"}").text("token")).send("POST", "/v1/events", good, EVENT);
        assertThat(customer.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(events);
    }

    private static String event(String id, String subject, String data) {
        return "{\"specversion\":\"1.0\",\"type\":\"tokens\",\"id\":\"" + id + "\",\"source\":\"gw\",\"subject\":\""
                + subject + "\",\"data\":{" + data + "}}";
    }

    private static void refused(LedgerClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.http().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.text("code")).as(response.raw()).isEqualTo(code);
        if (field != null) {
            assertThat(response.text("field")).as(response.raw()).isEqualTo(field);
        }
    }
}
