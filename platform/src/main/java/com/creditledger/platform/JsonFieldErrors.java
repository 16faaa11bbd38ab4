package com.creditledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What was wrong with a field, in the API's words: Jackson's own messages name the Java classes
 * behind the API ("class com.creditledger…"), which tells a caller nothing and leaks internals.
 */
final class JsonFieldErrors {

    private JsonFieldErrors() {
    }

    static String describe(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a property of this request";
        }
        if (mapping instanceof InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not " + expected(invalid.getTargetType());
        }
        if (mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + expected(mismatched.getTargetType());
        }
        return "is not valid here";
    }

    /**
     * What is wrong with the body as a whole. A syntax error keeps the parser's words (they name
     * characters and keys, not classes) without the "Source: …" location; the rest is said plainly.
     */
    static String ofBody(JsonProcessingException parsing) {
        String message = parsing.getOriginalMessage();
        if (message.startsWith("Trailing token")) {
            return "nothing may follow the JSON object";
        }
        if (parsing instanceof MismatchedInputException) {
            return "the body must be a JSON object";
        }
        int location = message.indexOf(" at [Source");
        return (location < 0 ? message : message.substring(0, location)).replaceAll("`[^`]*`", "").trim();
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == BigDecimal.class) {
            return "a decimal string such as \"10.00\"";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a JSON integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO 8601 instant such as \"2025-06-01T00:00:00Z\"";
        }
        if (type == Duration.class) {
            return "an ISO 8601 duration such as \"PT10M\"";
        }
        if (type == Period.class) {
            return "an ISO 8601 period such as \"P12M\"";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "a value of another kind";
    }
}
