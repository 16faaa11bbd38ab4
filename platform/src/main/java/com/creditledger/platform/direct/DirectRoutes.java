package com.creditledger.platform.direct;

import com.creditledger.platform.security.KeyAuthorization;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the {@link DirectRoute}s ahead of the servlet filter chain: the key is checked and the
 * endpoint rule asked by {@link KeyAuthorization}, the body parsed by the application's strict JSON
 * mapper and validated, the controller method called, its answer written as Spring MVC writes it
 * ({@link DirectAnswers}). A debit spent more than half of the command side's CPU in Spring Security's
 * filters and Spring MVC's dispatch around a controller call of a few percent (docs/benchmarks).
 * <p>
 * Only the plain case is taken: a call this filter would answer differently from the full chain
 * (no or an unknown key, a refused rule, unreadable or invalid JSON, a CORS request, another media
 * type, a query string, an encoded or unusual path, HTTPS) goes on to the chain untouched, its body
 * replayed, so every refusal is still answered by the one place that answered it before.
 */
public final class DirectRoutes implements Filter {

    /** Larger bodies are not the hot path; the chain reads them. */
    static final int MAX_BODY = 64 * 1024;

    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_~:@-][A-Za-z0-9._~:@-]*)+");

    private record Compiled(DirectRoute<Object> route, PathPattern pattern, ObjectReader reader, RouteMeters meters) {
    }

    private record Found(Compiled route, Map<String, String> variables) {
    }

    private final List<Compiled> routes;
    private final KeyAuthorization authorization;
    private final Validator validator;
    private final DirectAnswers answers;

    @SuppressWarnings("unchecked")
    DirectRoutes(List<DirectRoute<?>> routes, KeyAuthorization authorization, ObjectMapper json, Validator validator,
                 MeterRegistry meters, DirectAnswers answers) {
        this.routes = routes.stream().map(route -> new Compiled((DirectRoute<Object>) route,
                PathPatternParser.defaultInstance.parse(route.pattern()), json.readerFor(route.body()),
                new RouteMeters(meters, route.pattern()))).toList();
        this.authorization = authorization;
        this.validator = validator;
        this.answers = answers;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        Found found = plain(request) ? find(request) : null;
        if (found == null) {
            chain.doFilter(request, response);
            return;
        }
        Compiled route = found.route();
        try {
            if (!authorization.signIn(request)) {
                chain.doFilter(request, response);
                return;
            }
            byte[] body = request.getInputStream().readNBytes(request.getContentLength());
            Object parsed = parse(route, body);
            if (parsed == null || !(route.route().plainlyValid(parsed) || validator.validate(parsed).isEmpty())) {
                SecurityContextHolder.clearContext(); // the chain signs the caller in itself
                chain.doFilter(new ReplayedBody(request, body), response);
                return;
            }
            route.meters().time(request, response,
                    () -> answers.write(request, response, () -> route.route().answer(found.variables(), parsed)));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Object parse(Compiled route, byte[] body) {
        try {
            return route.reader().readValue(body);
        } catch (IOException unreadable) {
            return null; // the chain answers it, with the problem it has always given
        }
    }

    /** The route taking the request, with the path's variables: the path parsed and matched once. */
    private Found find(HttpServletRequest request) {
        PathContainer path = null;
        for (Compiled route : routes) {
            if (route.route().method().matches(request.getMethod())) {
                path = path != null ? path : PathContainer.parsePath(request.getRequestURI());
                PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(path);
                if (match != null) {
                    return new Found(route, match.getUriVariables());
                }
            }
        }
        return null;
    }

    /** What the chain would treat no differently from this filter; anything else is left to it. */
    private boolean plain(HttpServletRequest request) {
        if (routes.isEmpty() || request.getQueryString() != null || request.isSecure()
                || !request.getContextPath().isEmpty() || request.getHeader(HttpHeaders.ORIGIN) != null) {
            return false;
        }
        int length = request.getContentLength();
        if (length <= 0 || length > MAX_BODY || !isJson(request.getContentType())) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.equals("*/*") && !accept.equals("application/json")) {
            return false;
        }
        return PLAIN_PATH.matcher(request.getRequestURI()).matches();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.replace(" ", "").toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("application/json;charset=utf-8");
    }
}
