package com.creditledger.platform.edge;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times in query parameters ({@code asOf}, {@code from}, {@code to}) are ISO 8601 instants, kept to
 * the microsecond like request bodies; Spring would otherwise read {@code asOf=2025} as 2.025 s
 * after the epoch and answer for 1970.
 */
@Configuration(proxyBeanMethods = false)
class IsoInstants implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                try {
                    return Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an ISO 8601 instant such as 2025-06-01T00:00:00Z");
                }
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return instant.toString();
            }
        });
    }
}
