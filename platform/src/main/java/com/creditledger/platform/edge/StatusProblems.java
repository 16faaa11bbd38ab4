package com.creditledger.platform.edge;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problem+json of a refusal known only by its HTTP status: what Tomcat, Spring Security's
 * firewall and Spring MVC answer before any controller runs. The code is derived from the status,
 * so it is as stable as the status; the detail never carries server internals.
 */
public final class StatusProblems {

    private StatusProblems() {
    }

    public static String codeFor(int status) {
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return "malformed_request";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "error" : known.name().toLowerCase();
    }

    public static ProblemDetail of(int status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        String code = codeFor(status);
        problem.setTitle(code.replace('_', ' '));
        problem.setProperty("code", code);
        return problem;
    }

    /** What a caller may be told about a status nobody more specific answered. */
    public static String detailFor(int status) {
        return switch (status) {
            case 400 -> "the request is malformed: check its path, headers and body";
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not take this method";
            case 413 -> "the request is too large";
            case 414 -> "the request's URL is too long";
            case 431 -> "the request's headers are too large";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "the request failed" : known.getReasonPhrase();
            }
        };
    }
}
