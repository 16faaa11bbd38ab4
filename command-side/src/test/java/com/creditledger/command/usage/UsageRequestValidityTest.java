package com.creditledger.command.usage;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick check of a usage call never passes what its constraints refuse, and passes the common call. */
class UsageRequestValidityTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Property(tries = 3000)
    void whatPassesPlainlyPassesTheConstraints(
            @ForAll("ids") String accountId, @ForAll("ids") String idempotencyKey, @ForAll("texts") String requestId,
            @ForAll("texts") String apiKeyId, @ForAll("texts") String model, @ForAll("counts") Long inputTokens,
            @ForAll("counts") Long cachedInputTokens, @ForAll("counts") Long outputTokens,
            @ForAll("amounts") BigDecimal amount) {
        UsageRequest request = new UsageRequest(accountId, idempotencyKey, requestId, apiKeyId, model, inputTokens,
                cachedInputTokens, outputTokens, amount, null);
        Statistics.collect(request.plainlyValid());
        if (request.plainlyValid()) {
            assertThat(VALIDATOR.validate(request)).isEmpty();
        }
    }

    @Example
    void theCommonCallPassesPlainly() {
        assertThat(new UsageRequest("acct-1", "req:2026-12-07:0001", "r-1", "key_1", "gpt-4o", 1000L, 0L, 200L, null,
                Instant.parse("2026-12-07T12:00:00Z")).plainlyValid()).isTrue();
        assertThat(new UsageRequest(null, "k", null, null, "gpt-4o", null, null, 5L, null, null).plainlyValid())
                .isTrue();
    }

    @Example
    void aPrePricedCallGoesToTheValidator() {
        assertThat(new UsageRequest("acct-1", "k", null, null, null, null, null, null, new BigDecimal("0.45"), null)
                .plainlyValid()).isFalse();
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                        Tuple.of(9, Arbitraries.strings().withChars("aZ09._-:").ofMinLength(1).ofMaxLength(64)),
                        Tuple.of(1, Arbitraries.strings().withChars("aZ09._-:/ \t").ofMinLength(0).ofMaxLength(140)))
                .injectNull(0.03)
                .edgeCases(edges -> edges.add("a".repeat(64)).add("a".repeat(65)).add("a".repeat(128))
                        .add("a".repeat(129)));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                        Tuple.of(9, Arbitraries.strings().withChars("aZ9-_ .é").ofMinLength(1).ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.strings().withChars("aZ9-_ .\n\u0007é").ofMinLength(0)
                                .ofMaxLength(300)))
                .injectNull(0.05)
                .edgeCases(edges -> edges.add("").add("m".repeat(128)).add("m".repeat(129)).add("t".repeat(255))
                        .add("t".repeat(256)));
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(0, 100_000)),
                        Tuple.of(1, Arbitraries.longs().between(-3, 3)),
                        Tuple.of(1, Arbitraries.longs()
                                .between(UsageRequest.MAX_TOKENS - 2, UsageRequest.MAX_TOKENS + 2)),
                        Tuple.of(1, Arbitraries.longs()))
                .injectNull(0.2);
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(new BigDecimal("-1"), new BigDecimal("2000000000")).ofScale(10)
                .injectNull(0.9);
    }
}
