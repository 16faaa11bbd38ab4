package com.creditledger.platform;

import com.creditledger.kernel.LedgerRejection;
import com.creditledger.kernel.RejectionCode;
import com.creditledger.platform.edge.StatusProblems;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal as RFC 9457 problem+json with a stable {@code code} and, where there is one, the
 * offending {@code field} (docs/api.md). Spring's own errors (wrong method, unreadable JSON, …) get a
 * code too, so a client never has to parse prose.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    public static ProblemDetail problem(RejectionCode code, @Nullable String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()), detail);
        problem.setTitle(code.code().replace('_', ' '));
        problem.setProperty("code", code.code());
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(LedgerRejection.class)
    public ResponseEntity<ProblemDetail> rejected(LedgerRejection rejection) {
        return respond(problem(rejection.code(), rejection.field(), rejection.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return respond(problem(RejectionCode.ACCOUNT_NOT_FOUND, "accountId",
                "no account " + e.getAggregateIdentifier()));
    }

    /** A rule violation raised inside a command handler may arrive wrapped by the command bus. */
    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        if (e.getCause() instanceof LedgerRejection rejection) {
            return rejected(rejection);
        }
        if (e.getCause() instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        throw e;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> invalid(ConstraintViolationException e) {
        var violation = e.getConstraintViolations().iterator().next();
        return respond(problem(RejectionCode.VALIDATION_FAILED, violation.getPropertyPath().toString(),
                violation.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(problem(RejectionCode.VALIDATION_FAILED, e.getName(), "'" + e.getValue() + "' is not valid here"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors();
        FieldError first = errors.isEmpty() ? null : errors.get(0);
        ProblemDetail problem = problem(RejectionCode.VALIDATION_FAILED,
                first == null ? null : first.getField(),
                first == null ? "the request is not valid" : first.getField() + ": " + first.getDefaultMessage());
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .collect(Collectors.toList()));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var result = e.getParameterValidationResults().get(0);
        ProblemDetail problem = problem(RejectionCode.VALIDATION_FAILED, result.getMethodParameter().getParameterName(),
                result.getResolvableErrors().get(0).getDefaultMessage());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(RejectionCode.VALIDATION_FAILED, e.getParameterName(),
                "parameter " + e.getParameterName() + " is required");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * Unparseable JSON (a key twice included, at any depth) is malformed; parseable JSON with a wrong
     * type or unknown property names the field.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        if (e.getMostSpecificCause() instanceof JsonParseException parsing) {
            problem = problem(RejectionCode.MALFORMED_REQUEST, null, "malformed JSON: " + JsonFieldErrors.ofBody(parsing));
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem = problem(RejectionCode.VALIDATION_FAILED, field, field + ": " + JsonFieldErrors.describe(mapping));
        } else if (e.getCause() instanceof JsonProcessingException parsing) {
            problem = problem(RejectionCode.MALFORMED_REQUEST, null, "malformed JSON: " + JsonFieldErrors.ofBody(parsing));
        } else {
            problem = problem(RejectionCode.MALFORMED_REQUEST, null, "the request body is missing or unreadable");
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** Spring's remaining errors (405, 406, 415, 404 of unknown paths, …) get a code from their status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", StatusProblems.codeFor(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
