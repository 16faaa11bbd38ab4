package com.creditledger.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may call one endpoint. Every endpoint of a service has exactly one rule; a request that
 * matches no rule is denied. {@link Role#CUSTOMER} in {@code roles} means "a customer key, for its
 * own account", the account a request is about being read by {@code accountOf}.
 */
public record EndpointRule(HttpMethod method, String pattern, Set<Role> roles,
                           Function<RequestAuthorizationContext, String> accountOf) {

    /** The account named by the {@code accountId} path variable, else by the {@code accountId} parameter. */
    public static final Function<RequestAuthorizationContext, String> ACCOUNT_ID = context -> {
        String fromPath = context.getVariables().get("accountId");
        return fromPath != null ? fromPath : context.getRequest().getParameter("accountId");
    };

    /** The caller's own account: for an endpoint about the key itself, which a customer key may call too. */
    public static final Function<RequestAuthorizationContext, String> CALLERS_OWN = context ->
            SecurityContextHolder.getContext().getAuthentication() != null
                    && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof ApiKeyPrincipal caller
                    ? caller.accountId() : null;

    /** Every key, whatever its role: what a key may ask about itself. */
    public static EndpointRule anyKey(HttpMethod method, String pattern) {
        return rule(method, pattern, Role.values()).accountFrom(CALLERS_OWN);
    }

    public static EndpointRule rule(HttpMethod method, String pattern, Role... roles) {
        return new EndpointRule(method, pattern, roles(roles), ACCOUNT_ID);
    }

    public EndpointRule accountFrom(Function<RequestAuthorizationContext, String> accountOf) {
        return new EndpointRule(method, pattern, roles, accountOf);
    }

    /** Admins may do everything; everyone else what the rule names. */
    private static Set<Role> roles(Role... roles) {
        Set<Role> set = EnumSet.of(Role.ADMIN);
        set.addAll(Set.of(roles));
        return Set.copyOf(set);
    }

    public boolean allows(ApiKeyPrincipal caller, RequestAuthorizationContext context) {
        if (!roles.contains(caller.role())) {
            return false;
        }
        return caller.role() != Role.CUSTOMER
                || (caller.accountId() != null && caller.accountId().equals(accountOf.apply(context)));
    }
}
