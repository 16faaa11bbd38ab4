package com.creditledger.platform;

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
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Request bodies are parsed strictly, so a request means one thing: a key twice, anything after the
 * JSON value, a number where a string is specified or the reverse, are errors (400), not guesses
 * (the last key winning, the second object dropped, "120000" read as a count). Amounts and prices
 * are decimal strings ({@code "10.00"}, no exponent, no spaces); counts are JSON integers; ids strings.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequests() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .modulesToInstall(new SimpleModule("decimal-strings").addDeserializer(BigDecimal.class, new DecimalString()))
                .postConfigurer(mapper -> {
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
