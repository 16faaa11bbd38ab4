package com.creditledger.command.cloudevents;

import com.creditledger.command.http.Identifiers;
import com.creditledger.command.usage.UsageRequest;
import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.kernel.Sha256;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How a metering CloudEvent, in the shape OpenMeter ingests and LiteLLM's OpenMeter callback sends,
 * becomes one usage call (docs/api.md, CloudEvents ingestion):
 * <ul>
 *   <li>{@code subject} is the account; {@code time} the business time (now when absent);</li>
 *   <li>({@code source}, {@code id}) is the call's identity: the idempotency key is
 *       {@code source:id} when that is a valid key, else {@code ce:} and the SHA-256 of both, so a
 *       gateway's retry is charged once and two gateways' equal ids never meet;</li>
 *   <li>{@code data.model} names the model; token counts come in OpenAI's naming
 *       ({@code prompt_tokens}, with the cached ones inside it) or Anthropic's
 *       ({@code input_tokens}, with {@code cache_read_input_tokens} beside it); reasoning tokens
 *       are already in the output count and are only checked against it;</li>
 *   <li>{@code cost} and {@code total_tokens} are ignored: the ledger prices by its own rate card.</li>
 * </ul>
 */
public final class CloudEventUsage {

    /** Where a usage field came from in the CloudEvent, so a rejection names what the sender wrote. */
    private static final Map<String, String> SOURCE_FIELDS = Map.of(
            "accountId", "subject",
            "idempotencyKey", "id",
            "requestId", "id",
            "occurredAt", "time",
            "model", "data.model",
            "inputTokens", "data.prompt_tokens",
            "cachedInputTokens", "data.cached_tokens",
            "outputTokens", "data.completion_tokens");

    /** The envelope's identity, and the call it maps to or why it cannot be charged. */
    public record Mapped(String id, String source, String subject, UsageRequest request, LedgerRejection rejection) {
    }

    private CloudEventUsage() {
    }

    public static Mapped of(JsonNode event) {
        if (event == null || !event.isObject()) {
            return new Mapped(null, null, null, null, invalid(null, "a CloudEvent is a JSON object"));
        }
        String id = event.path("id").isTextual() ? event.path("id").asText() : null;
        String source = event.path("source").isTextual() ? event.path("source").asText() : null;
        String subject = event.path("subject").isTextual() ? event.path("subject").asText() : null;
        try {
            return new Mapped(id, source, subject, request(event), null);
        } catch (LedgerRejection rejection) {
            return new Mapped(id, source, subject, null, rejection);
        }
    }

    /** The CloudEvent field a usage field was read from. */
    public static String sourceField(String usageField) {
        return usageField == null ? null : SOURCE_FIELDS.getOrDefault(usageField, usageField);
    }

    private static UsageRequest request(JsonNode event) {
        if (!"1.0".equals(text(event, "specversion", true))) {
            throw invalid("specversion", "specversion: only CloudEvents 1.0 is understood");
        }
        String id = text(event, "id", true);
        String source = text(event, "source", true);
        text(event, "type", true);
        String subject = text(event, "subject", true);
        Instant time = time(text(event, "time", false));
        String contentType = text(event, "datacontenttype", false);
        if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
            throw invalid("datacontenttype", "datacontenttype: usage data is application/json");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw invalid("data", "data: an object with the call's model and token counts");
        }
        Tokens tokens = Tokens.of(data);
        String key = source + ":" + id;
        if (key.length() > 128 || !Identifiers.isKey(key)) {
            key = "ce:" + Sha256.digest().text(source).separator((byte) 0).text(id).hex();
        }
        String requestId = id.length() <= 255 && Identifiers.isPrintable(id) ? id : null;
        return new UsageRequest(subject, key, requestId, null, text(data, "model", true, "data."),
                tokens.input(), tokens.cached(), tokens.output(), null, time);
    }

    /** The token counts of {@code data}, as the rate card's three dimensions. */
    private record Tokens(Long input, Long cached, Long output) {

        static Tokens of(JsonNode data) {
            Long prompt = count(data, "prompt_tokens");
            Long input = count(data, "input_tokens");
            if (prompt != null && input != null) {
                throw invalid("data.input_tokens", "data: prompt_tokens or input_tokens, not both");
            }
            Long included = first(count(data.path("prompt_tokens_details"), "cached_tokens"),
                    count(data.path("input_tokens_details"), "cached_tokens"), count(data, "cached_tokens"));
            Long beside = count(data, "cache_read_input_tokens");
            Long written = count(data, "cache_creation_input_tokens");
            Long inputs = prompt != null ? prompt : input;
            if (included != null && inputs != null && included > inputs) {
                throw invalid("data.cached_tokens", "data: more cached tokens than input tokens");
            }
            Long cached = sum(included, beside);
            Long uncached = sum(inputs == null ? null : inputs - (included == null ? 0 : included), written);
            Long output = first(count(data, "completion_tokens"), count(data, "output_tokens"));
            Long reasoning = first(count(data.path("completion_tokens_details"), "reasoning_tokens"),
                    count(data.path("output_tokens_details"), "reasoning_tokens"), count(data, "reasoning_tokens"));
            if (reasoning != null && (output == null || reasoning > output)) {
                throw invalid("data.reasoning_tokens", "data: reasoning tokens are part of the output tokens, "
                        + "so there cannot be more of them");
            }
            if (uncached == null && cached == null && output == null) {
                throw invalid("data", "data: no token counts (prompt_tokens, completion_tokens, …)");
            }
            return new Tokens(uncached, cached, output);
        }

        private static Long count(JsonNode parent, String name) {
            JsonNode value = parent.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
                throw invalid("data." + name, "data." + name + ": a whole number of tokens, 0 or more");
            }
            return value.asLong();
        }

        private static Long first(Long... values) {
            for (Long value : values) {
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        private static Long sum(Long a, Long b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Math.addExact(a, b);
        }
    }

    private static Instant time(String time) {
        try {
            return time == null ? null : OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("time", "time: an RFC 3339 timestamp, e.g. 2025-03-01T12:00:00Z");
        }
    }

    private static String text(JsonNode node, String name, boolean required) {
        return text(node, name, required, "");
    }

    private static String text(JsonNode node, String name, boolean required, String prefix) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(prefix + name, prefix + name + ": required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw invalid(prefix + name, prefix + name + ": a non-empty string");
        }
        return value.asText();
    }

    private static LedgerRejection invalid(String field, String detail) {
        return new LedgerRejection(RejectionCode.VALIDATION_FAILED, field, detail);
    }
}
