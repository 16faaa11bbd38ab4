package com.creditledger.command.usage;

import com.creditledger.command.http.Identifiers;
import com.creditledger.command.idempotency.RequestDigest;
import com.creditledger.kernel.value.Credits;
import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One API call to charge: token counts of a model, priced by the rate card, or a pre-priced
 * amount. {@code accountId} is needed in a batch only; the single endpoint takes it from the path.
 */
public record UsageRequest(
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String accountId,
        @NotNull @Pattern(regexp = Identifiers.KEY_PATTERN, message = Identifiers.KEY_MESSAGE) String idempotencyKey,
        @Size(max = 255) @Pattern(regexp = Identifiers.PRINTABLE, message = Identifiers.PRINTABLE_MESSAGE) String requestId,
        @Size(max = 255) @Pattern(regexp = Identifiers.PRINTABLE, message = Identifiers.PRINTABLE_MESSAGE) String apiKeyId,
        @Size(min = 1, max = 128) @Pattern(regexp = Identifiers.PRINTABLE, message = Identifiers.PRINTABLE_MESSAGE)
        String model,
        @PositiveOrZero @Max(MAX_TOKENS) Long inputTokens,
        @PositiveOrZero @Max(MAX_TOKENS) Long cachedInputTokens,
        @PositiveOrZero @Max(MAX_TOKENS) Long outputTokens,
        @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 9) BigDecimal amount,
        Instant occurredAt) {

    /** A trillion tokens in one call is far beyond any model's context; more is a client bug. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    @JsonIgnore
    @AssertTrue(message = "send a model with token counts, or an amount without token counts")
    public boolean isPricedOneWay() {
        boolean hasTokens = inputTokens != null || cachedInputTokens != null || outputTokens != null;
        return amount != null ? !hasTokens : model != null && hasTokens;
    }

    /**
     * Whether every constraint above certainly holds, checked without Bean Validation, whose
     * machinery (not the checks) was about 7% of the command side's CPU per record of a batch.
     * The common call passes: token counts of a named model, ids of the usual shape. Anything
     * else, a pre-priced amount included, goes to the validator, which also words the error.
     * {@code UsageRequestValidityTest} holds this to the annotations: whatever passes here, the
     * validator passes.
     */
    boolean plainlyValid() {
        return amount == null && model != null && !model.isEmpty() && model.length() <= 128
                && Identifiers.isPrintable(model)
                && (inputTokens != null || cachedInputTokens != null || outputTokens != null)
                && tokenCount(inputTokens) && tokenCount(cachedInputTokens) && tokenCount(outputTokens)
                && (accountId == null || Identifiers.isId(accountId))
                && idempotencyKey != null && Identifiers.isKey(idempotencyKey)
                && printable(requestId) && printable(apiKeyId);
    }

    private static boolean tokenCount(Long count) {
        return count == null || count >= 0 && count <= MAX_TOKENS;
    }

    private static boolean printable(String text) {
        return text == null || text.length() <= 255 && Identifiers.isPrintable(text);
    }

    /** Every field, as sent: a retry with any field changed is another request (409). */
    public String fingerprint() {
        return RequestDigest.of(accountId, idempotencyKey, requestId, apiKeyId, model, inputTokens, cachedInputTokens,
                outputTokens, amount == null ? null : Credits.of(amount), occurredAt);
    }

    UsageRequest forAccount(String pathAccountId) {
        return new UsageRequest(pathAccountId, idempotencyKey, requestId, apiKeyId, model, inputTokens,
                cachedInputTokens, outputTokens, amount, occurredAt);
    }
}
