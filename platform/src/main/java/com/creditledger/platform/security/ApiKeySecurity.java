package com.creditledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spring Security for both services: a bearer API key authenticates the caller, the service's
 * {@link EndpointRules}, compiled into one {@link EndpointTable}, authorize it, anything unlisted is denied. Failures are problem+json:
 * 401 {@code unauthenticated} without a valid key; for a valid key, 404 {@code not_found} for a
 * path no rule lists, 405 {@code method_not_allowed} for a listed path with another method, and
 * 403 {@code forbidden} for the wrong role. Query parameters are read once: a parameter sent twice
 * is refused (400) rather than read differently by two layers.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeySecurity {

    /** The table of a service's endpoints and who may call them. */
    public interface EndpointRules {
        List<EndpointRule> rules();
    }

    /**
     * No observation around each security filter, authorization or authentication: without this the
     * chain wraps every filter in an observation decorator on every request (a visible share of a
     * debit's CPU in profiles, docs/benchmarks), for spans nobody reads; http.server.requests stays.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The open paths are matched by parsing the path: without this, Spring Security asks Spring MVC for
     * the request's handler once per matcher on every request, to match as MVC would.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    KeyAuthorization keyAuthorization(ApiKeys keys, EndpointRules endpoints) {
        return new KeyAuthorization(keys, new EndpointTable(endpoints.rules()));
    }

    @Bean
    SecurityFilterChain apiKeyFilterChain(HttpSecurity http, ApiKeys keys, KeyAuthorization authorization,
                                          ObjectMapper json,
                                          @Value("${ledger.cors.allowed-origins:*}") List<String> allowedOrigins)
            throws Exception {
        EndpointTable table = authorization.table();
        AuthenticationManager manager = token -> authenticate(keys, (BearerToken) token);
        AuthenticationConverter bearer = request -> {
                    String token = bearerToken(request);
                    return token != null ? new BearerToken(token) : null;
                };
        AuthenticationFilter authentication = new AuthenticationFilter(manager, bearer);
        authentication.setSuccessHandler((request, response, auth) -> { });
        authentication.setFailureHandler((request, response, failure) ->
                problem(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated", "the API key is not valid"));

        // keys travel in a header, never in cookies: a page of another origin holding a key may call
        // (the console on the query side acts on the command side); none can borrow a browser's session
        http.cors(cors -> cors.configurationSource(request -> {
                    CorsConfiguration allowed = new CorsConfiguration();
                    allowed.setAllowedOriginPatterns(allowedOrigins);
                    allowed.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
                    allowed.setAllowedHeaders(List.of("Authorization", "Content-Type"));
                    allowed.setExposedHeaders(List.of("Idempotent-Replayed"));
                    return allowed;
                }))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(authentication, BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, failure) -> problem(response, json,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "send an API key: Authorization: Bearer <key>"))
                        .accessDeniedHandler((request, response, denied) -> refuse(request, response, json, table)))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers("/actuator/health", "/actuator/info", "/error").permitAll();
                    // the API's description is no secret (docs/operations.md, API description); calls still need a key
                    authorize.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                            "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    // the console's page and scripts; what it shows is fetched with the signed-in key
                    authorize.requestMatchers("/console", "/console/**").permitAll();
                    authorize.anyRequest().access((auth, context) -> new AuthorizationDecision(auth.get() != null
                            && auth.get().getPrincipal() instanceof ApiKeyPrincipal caller
                            && authorization.allows(caller, context.getRequest())));
                })
                .addFilterAfter(new SingleValuedParameters(json), AuthorizationFilter.class);
        return http.build();
    }

    /** Why an authenticated caller was denied: nothing there, another method, or not for its role. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
                               EndpointTable table) throws IOException {
        List<HttpMethod> atPath = table.methodsAt(request);
        if (atPath.isEmpty()) {
            problem(response, json, HttpStatus.NOT_FOUND, "not_found", "there is nothing at this path");
        } else if (atPath.stream().noneMatch(method -> method.matches(request.getMethod()))) {
            response.setHeader(HttpHeaders.ALLOW, atPath.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
            problem(response, json, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    "this path does not take " + request.getMethod());
        } else {
            problem(response, json, HttpStatus.FORBIDDEN, "forbidden", "this API key may not do this");
        }
    }

    /** The key of {@code Authorization: Bearer <key>}, or null when the request sends none. */
    static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    private static Authentication authenticate(ApiKeys keys, BearerToken token) {
        ApiKeyPrincipal principal = keys.authenticate(token.value)
                .orElseThrow(() -> new BadCredentialsException("unknown or revoked API key"));
        return new KeyAuthentication(principal);
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String code,
                                String detail) throws IOException {
        problem(response, json, status, code, detail, null);
    }

    static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String code,
                        String detail, String field) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(code.replace('_', ' '));
        problem.setProperty("code", code);
        if (field != null) {
            problem.setProperty("field", field);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A bearer token not yet checked. */
    private static final class BearerToken extends AbstractAuthenticationToken {

        private final String value;

        BearerToken(String value) {
            super(List.of());
            this.value = value;
        }

        @Override
        public Object getCredentials() {
            return value;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }
    }

    /** A caller whose key checked out. */
    static final class KeyAuthentication extends AbstractAuthenticationToken {

        private final ApiKeyPrincipal principal;

        KeyAuthentication(ApiKeyPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority(principal.role().authority())));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }
    }

}
