package com.creditledger.platform;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * Request bodies are parsed strictly, so a request means one thing: a key twice, anything after the
 * JSON value, a number where a string is specified or the reverse, are errors (400), not guesses
 * (the last key winning, the second object dropped, "120000" read as a count). Amounts and prices
 * are decimal strings ({@code "10.00"}, no exponent, no spaces); counts are JSON integers; ids strings.
 * Answers follow the same rule: every decimal is written as a string.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequests() {
        return builder -> builder
                .featuresToEnable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .modulesToInstall(new SimpleModule("decimal-strings").addDeserializer(BigDecimal.class, new DecimalString())
                        .addDeserializer(Instant.class, new MicrosecondInstant())
                        .addDeserializer(Duration.class, new IsoDuration()))
                .postConfigurer(mapper -> {
                    mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Integer)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                });
    }

    /**
     * Instants as ISO 8601 strings (not epoch numbers), kept to the microsecond like PostgreSQL keeps
     * them, so the command side and the query side answer the same time the same way.
     */
    private static final class MicrosecondInstant extends StdScalarDeserializer<Instant> {

        MicrosecondInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser.currentToken(), parser,
                        "a time is an ISO 8601 string such as \"2025-06-01T00:00:00Z\"");
            }
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /** A duration is an ISO 8601 string ({@code "PT10M"}), not a number of seconds. */
    private static final class IsoDuration extends StdScalarDeserializer<Duration> {

        IsoDuration() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser.currentToken(), parser,
                        "a duration is an ISO 8601 string such as \"PT10M\"");
            }
            try {
                return Duration.parse(parser.getText());
            } catch (DateTimeParseException e) {
                return (Duration) context.handleWeirdStringValue(Duration.class, parser.getText(),
                        "a duration is an ISO 8601 string such as \"PT10M\"");
            }
        }
    }

    /** A decimal string and nothing else: not a JSON number, not {@code "1e3"}, not {@code " 10.00"}. */
    private static final class DecimalString extends StdScalarDeserializer<BigDecimal> {

        DecimalString() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser.currentToken(), parser,
                        "an amount is a decimal string such as \"10.00\"");
            }
            String text = parser.getText();
            if (!DECIMAL.matcher(text).matches()) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text,
                        "an amount is a decimal string such as \"10.00\"");
            }
            return new BigDecimal(text);
        }
    }
}
