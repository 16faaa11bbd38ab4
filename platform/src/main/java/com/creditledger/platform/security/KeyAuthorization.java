package com.creditledger.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Optional;

/**
 * Who may make a call: a valid API key whose endpoint rule allows it. One home for that decision,
 * asked by the filter chain for every request and by {@code platform.direct} for the calls it
 * serves before the chain, so both refuse and allow exactly the same callers.
 */
public final class KeyAuthorization {

    private final ApiKeys keys;
    private final EndpointTable table;

    KeyAuthorization(ApiKeys keys, EndpointTable table) {
        this.keys = keys;
        this.table = table;
    }

    EndpointTable table() {
        return table;
    }

    boolean allows(ApiKeyPrincipal caller, HttpServletRequest request) {
        return table.find(request).filter(match -> match.rule().allows(caller,
                new RequestAuthorizationContext(request, match.variables()))).isPresent();
    }

    /**
     * Signs the caller in on this thread when its key is valid and its rule allows the call, as the
     * filter chain would; false (and nobody signed in) otherwise. The caller clears the context after.
     */
    public boolean signIn(HttpServletRequest request) {
        String token = ApiKeySecurity.bearerToken(request);
        Optional<ApiKeyPrincipal> caller = token == null ? Optional.empty() : keys.authenticate(token);
        if (caller.isEmpty()) {
            return false;
        }
        // set before the rule is asked: a rule about the caller's own key reads it from the context
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeySecurity.KeyAuthentication(caller.get()));
        SecurityContextHolder.setContext(context);
        if (allows(caller.get(), request)) {
            return true;
        }
        SecurityContextHolder.clearContext();
        return false;
    }
}
