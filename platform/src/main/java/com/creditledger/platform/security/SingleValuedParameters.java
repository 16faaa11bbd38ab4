package com.creditledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * {@code ?accountId=a&accountId=b} is refused: the authorization rule would read the first value
 * and a controller might read another, so a request names each parameter once.
 */
final class SingleValuedParameters extends OncePerRequestFilter {

    private final ObjectMapper json;

    SingleValuedParameters(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getValue().length > 1) {
                ApiKeySecurity.problem(response, json, HttpStatus.BAD_REQUEST, "validation_failed",
                        "parameter " + parameter.getKey() + " is given more than once", parameter.getKey());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
