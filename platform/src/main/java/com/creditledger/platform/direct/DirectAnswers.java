package com.creditledger.platform.direct;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link DirectRoute}'s answer written as Spring MVC and Spring Security write it: the security
 * headers of the filter chain's defaults and the CORS filter's {@code Vary}, the answer's own status
 * and headers, its body by the application's JSON mapper ({@code application/problem+json} with the
 * request's path as {@code instance} for a problem). An exception is answered by the application's
 * {@code @ControllerAdvice} handler for it, as Spring MVC would; one no handler takes propagates.
 */
final class DirectAnswers {

    /** Spring Security's default response headers for a plain HTTP request, then CORS's {@code Vary}. */
    static final List<Map.Entry<String, String>> CHAIN_HEADERS = List.of(
            Map.entry("Vary", "Origin"),
            Map.entry("Vary", "Access-Control-Request-Method"),
            Map.entry("Vary", "Access-Control-Request-Headers"),
            Map.entry("X-Content-Type-Options", "nosniff"),
            Map.entry("X-XSS-Protection", "0"),
            Map.entry("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"),
            Map.entry("Pragma", "no-cache"),
            Map.entry("Expires", "0"),
            Map.entry("X-Frame-Options", "DENY"));

    private record Handler(Object advice, ExceptionHandlerMethodResolver resolver) {
    }

    private final ObjectMapper json;
    private final ApplicationContext context;
    private volatile List<Handler> handlers;

    DirectAnswers(ObjectMapper json, ApplicationContext context) {
        this.json = json;
        this.context = context;
    }

    void write(HttpServletRequest request, HttpServletResponse response, Supplier<ResponseEntity<?>> answer)
            throws IOException, ServletException {
        ResponseEntity<?> entity;
        try {
            entity = answer.get();
        } catch (RuntimeException failed) {
            entity = handled(failed);
        }
        Object body = entity.getBody();
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(entity.getStatusCode().value());
        CHAIN_HEADERS.forEach(header -> response.addHeader(header.getKey(), header.getValue()));
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(body instanceof ProblemDetail
                ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private ResponseEntity<?> handled(RuntimeException failed) throws ServletException {
        for (Handler handler : handlers()) {
            Method method = handler.resolver().resolveMethodByThrowable(failed);
            if (method != null && method.getParameterCount() == 1) {
                try {
                    return (ResponseEntity<?>) method.invoke(handler.advice(), failed);
                } catch (IllegalAccessException | InvocationTargetException handlerFailed) {
                    throw new ServletException(handlerFailed);
                }
            }
        }
        throw failed;
    }

    /** Looked up on first use: the advice beans exist only once the context has started. */
    private List<Handler> handlers() {
        if (handlers == null) {
            handlers = ControllerAdviceBean.findAnnotatedBeans(context).stream()
                    .map(advice -> new Handler(advice.resolveBean(), new ExceptionHandlerMethodResolver(advice.getBeanType())))
                    .toList();
        }
        return handlers;
    }
}
