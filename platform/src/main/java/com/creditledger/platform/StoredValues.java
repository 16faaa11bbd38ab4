package com.creditledger.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How the event mapper reads the two values every stored event is full of: amounts (exact decimal
 * strings, as {@link LedgerSerialization} writes them) and instants. Jackson checks each decimal
 * string against a regular expression before parsing it, and parses each instant with a
 * {@link java.time.format.DateTimeFormatter}; in a replay profile the two took a twentieth of the
 * query side's CPU. The forms the ledger writes ({@code -12.3400}, {@code 2026-12-07T13:29:36.1295Z})
 * are read directly here; anything else goes to Jackson's own deserializer, which reads or refuses
 * it exactly as before.
 */
final class StoredValues extends SimpleModule {

    StoredValues() {
        super("stored-values");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                          JsonDeserializer<?> deserializer) {
                if (bean.getBeanClass() == BigDecimal.class) {
                    return new PlainDecimal(deserializer);
                }
                if (bean.getBeanClass() == Instant.class) {
                    return new UtcInstant(deserializer);
                }
                return deserializer;
            }
        });
    }

    /** Far above any amount, and below Jackson's own limit on a number's length (1,000). */
    private static final int MAX_DIGITS = 100;

    /** @return whether the text is {@code -?digits[.digits]}, which {@link BigDecimal#BigDecimal(String)} reads as written */
    static boolean isPlainDecimal(String text) {
        int start = !text.isEmpty() && text.charAt(0) == '-' ? 1 : 0;
        int point = text.indexOf('.', start);
        return point < 0 ? digits(text, start, text.length())
                : digits(text, start, point) && digits(text, point + 1, text.length());
    }

    private static boolean digits(String text, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static final class PlainDecimal extends DelegatingDeserializer {

        PlainDecimal(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> jackson) {
            return new PlainDecimal(jackson);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (isPlainDecimal(text)) {
                    return new BigDecimal(text);
                }
            }
            return super.deserialize(parser, context);
        }
    }

    private static final class UtcInstant extends DelegatingDeserializer {

        UtcInstant(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> jackson) {
            return new UtcInstant(jackson);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = IsoInstant.inUtc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
