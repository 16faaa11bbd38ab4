package com.creditledger.platform.direct;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.Map;

/**
 * A call served before the servlet filter chain and Spring MVC ({@link DirectRoutes}): a hot endpoint
 * whose controller method it calls with the parsed, validated body. The endpoint keeps its controller
 * mapping and its endpoint rule; this is a shorter way to the same method, taken only by well-formed,
 * authorized calls.
 *
 * @param <B> the request body, parsed and validated as Spring MVC would for {@code @Valid @RequestBody}
 */
public interface DirectRoute<B> {

    HttpMethod method();

    /** The path pattern, as the controller's mapping and the endpoint rule write it. */
    String pattern();

    Class<B> body();

    /**
     * Whether the body certainly passes its constraints, checked more cheaply than Bean Validation
     * checks them; false (the default) leaves the decision to the validator.
     */
    default boolean plainlyValid(B body) {
        return false;
    }

    /** The controller's answer for the path's variables and the body. */
    ResponseEntity<?> answer(Map<String, String> variables, B body);
}
