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
import java.util.function.Function;

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
                    return new ReadDirectly(deserializer,
                            text -> isPlainDecimal(text) ? new BigDecimal(text) : null);
                }
                if (bean.getBeanClass() == Instant.class) {
                    return new ReadDirectly(deserializer, IsoInstant::inUtc);
                }
                return deserializer;
            }
        });
    }

    /** Far above any amount, and below Jackson's own limit on a number's length (1,000). */
    private static final int MAX_DIGITS = 100;

    /** Whether the text is {@code -?digits[.digits]}, which {@code new BigDecimal(text)} reads as is. */
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

    /** A stored string read directly where {@code direct} answers for it, by Jackson where it answers null. */
    private static final class ReadDirectly extends DelegatingDeserializer {

        private final Function<String, Object> direct;

        ReadDirectly(JsonDeserializer<?> jackson, Function<String, Object> direct) {
            super(jackson);
            this.direct = direct;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> jackson) {
            return new ReadDirectly(jackson, direct);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Object value = direct.apply(parser.getText());
                if (value != null) {
                    return value;
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
