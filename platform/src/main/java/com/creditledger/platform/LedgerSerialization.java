package com.creditledger.platform;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.math.BigDecimal;

/**
 * How events and snapshots are written to the store: JSON through a mapper of their own, separate
 * from the HTTP one, because stored events must stay readable as they evolve (unknown properties
 * are tolerated here, while the API rejects them).
 */
@Configuration(proxyBeanMethods = false)
public class LedgerSerialization {

    /** Decimals (unit prices, a dimension's unrounded credits) are stored as exact strings, like amounts. */
    public static ObjectMapper eventMapper() {
        return withoutStoredValues().addModule(new StoredValues()).build();
    }

    /** The event mapper as Jackson alone would read: what {@link StoredValues} must read the same as. */
    static JsonMapper.Builder withoutStoredValues() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .withConfigOverride(BigDecimal.class,
                        override -> override.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return new EventSerializer(JacksonSerializer.builder().objectMapper(eventMapper()));
    }
}
