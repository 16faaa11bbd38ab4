package com.creditledger.command.cloudevents;

import com.creditledger.command.usage.UsageRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudEvent → usage call mapping, field by field: what each gateway's token naming means. */
class CloudEventUsageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** As LiteLLM's OpenMeter callback writes it: Python's json.dumps, isoformat time, a float cost. */
    static final String LITELLM = "{\"specversion\": \"1.0\", \"type\": \"litellm_tokens\", \"id\": \"chatcmpl-9f2a\", "
            + "\"time\": \"2025-03-01T12:00:00.123456+00:00\", \"subject\": \"acme\", \"source\": \"litellm-proxy\", "
            + "\"data\": {\"model\": \"gpt-4o\", \"cost\": 3.5, \"prompt_tokens\": 1000000, "
            + "\"completion_tokens\": 100000, \"total_tokens\": 1100000}}";

    @Test
    void litellmsEventIsOneCallOfItsSubjectIdentifiedBySourceAndId() {
        UsageRequest call = request(LITELLM);
        assertThat(call.accountId()).isEqualTo("acme");
        assertThat(call.idempotencyKey()).isEqualTo("litellm-proxy:chatcmpl-9f2a");
        assertThat(call.requestId()).isEqualTo("chatcmpl-9f2a");
        assertThat(call.occurredAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
        assertThat(call.model()).isEqualTo("gpt-4o");
        assertThat(call.inputTokens()).isEqualTo(1_000_000);
        assertThat(call.cachedInputTokens()).isNull();
        assertThat(call.outputTokens()).isEqualTo(100_000);
        assertThat(call.amount()).isNull(); // the gateway's cost is not trusted: the rate card prices
    }

    @Test
    void openAisCachedTokensAreInsideThePromptAndReasoningInsideTheCompletion() {
        UsageRequest call = request(event("\"model\":\"gpt-4o\",\"prompt_tokens\":1000000,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":400000},\"completion_tokens\":100000,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":30000}"));
        assertThat(call.inputTokens()).isEqualTo(600_000);
        assertThat(call.cachedInputTokens()).isEqualTo(400_000);
        assertThat(call.outputTokens()).isEqualTo(100_000);
    }

    @Test
    void anthropicsCacheReadsAreBesideTheInputAndCacheWritesArePricedAsInput() {
        UsageRequest call = request(event("\"model\":\"claude-sonnet-4.6\",\"input_tokens\":1000000,"
                + "\"cache_read_input_tokens\":2000000,\"cache_creation_input_tokens\":50000,\"output_tokens\":200000"));
        assertThat(call.inputTokens()).isEqualTo(1_050_000);
        assertThat(call.cachedInputTokens()).isEqualTo(2_000_000);
        assertThat(call.outputTokens()).isEqualTo(200_000);
    }

    @Test
    void aSourceOrIdThatIsNoValidKeyIsHashedSoItStillIdentifiesTheCall() {
        String key = request(LITELLM.replace("litellm-proxy", "https://gw.example/metering")).idempotencyKey();
        assertThat(key).matches("ce:[0-9a-f]{64}");
        assertThat(request(LITELLM.replace("litellm-proxy", "https://gw.example/metering")).idempotencyKey()).isEqualTo(key);
        assertThat(request(LITELLM.replace("litellm-proxy", "https://gw.example/other")).idempotencyKey()).isNotEqualTo(key);
    }

    @Test
    void whatCannotBeChargedIsRefusedNamingTheFieldTheSenderWrote() {
        refused(LITELLM.replace("\"specversion\": \"1.0\", ", ""), "specversion");
        refused(LITELLM.replace("\"1.0\"", "\"0.3\""), "specversion");
        refused(LITELLM.replace("\"subject\": \"acme\", ", ""), "subject");
        refused(LITELLM.replace("\"id\": \"chatcmpl-9f2a\"", "\"id\": 42"), "id");
        refused(LITELLM.replace("+00:00", "+0000 PST"), "time");
        refused(LITELLM.replace("1000000", "\"1000000\""), "data.prompt_tokens");
        refused(LITELLM.replace("1000000", "1000000.5"), "data.prompt_tokens");
        refused(LITELLM.replace("1000000", "-1"), "data.prompt_tokens");
        refused(event("\"model\":\"gpt-4o\",\"prompt_tokens\":10,\"cached_tokens\":11"), "data.cached_tokens");
        refused(event("\"model\":\"gpt-4o\",\"prompt_tokens\":10,\"input_tokens\":10"), "data.input_tokens");
        refused(event("\"model\":\"gpt-4o\",\"completion_tokens\":10,\"reasoning_tokens\":11"), "data.reasoning_tokens");
        refused(event("\"model\":\"gpt-4o\",\"total_tokens\":10"), "data");
        refused(event("\"prompt_tokens\":10"), "data.model");
        refused("[]", null);
    }

    private static String event(String data) {
        return "{\"specversion\":\"1.0\",\"type\":\"tokens\",\"id\":\"1\",\"source\":\"gw\",\"subject\":\"acme\","
                + "\"data\":{" + data + "}}";
    }

    private static UsageRequest request(String json) {
        CloudEventUsage.Mapped mapped = CloudEventUsage.of(read(json));
        assertThat(mapped.rejection()).as(json).isNull();
        return mapped.request();
    }

    private static void refused(String json, String field) {
        CloudEventUsage.Mapped mapped = CloudEventUsage.of(read(json));
        assertThat(mapped.request()).as(json).isNull();
        assertThat(mapped.rejection().code().code()).isEqualTo("validation_failed");
        assertThat(mapped.rejection().field()).as(json).isEqualTo(field);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
