package org.integratedcommunities.referrals.webapi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Every failure of an API leaves as RFC 9457 problem+json. Field problems are listed under {@code errors} (each with
 * {@code field} and {@code message}) so a form can point at each field. Nothing internal (class names, SQL, stack
 * traces) reaches the caller. Each application extends this with the failures of its own domain.
 */
public abstract class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
            WebExchangeBindException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, "Invalid request", "Some fields are missing or invalid.", exchange);
        problem.setProperty(
                "errors",
                ex.getFieldErrors().stream()
                        .map(error -> fieldError(error.getField(), messageOf(error)))
                        .toList());
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        // The framework's own detail names Java types; say it plainly instead.
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "Unreadable request",
                "The request is not valid JSON of the expected shape, or a value is not one of those allowed.",
                exchange);
        return Mono.just(ResponseEntity.badRequest().body(problem));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        log.error("Unexpected failure handling {}", exchange.getRequest().getPath(), e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Something went wrong",
                        "The request could not be completed. Nothing was changed. Try again later.",
                        exchange));
    }

    /** 404 in the same words whether the record does not exist or the caller may not see it: existence is not leaked. */
    public static ResponseEntity<ProblemDetail> notFound(ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem(HttpStatus.NOT_FOUND, "Not found", "There is no such record.", exchange));
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }

    public static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    public static List<Map<String, String>> fieldErrors(String field, String message) {
        return List.of(fieldError(field, message));
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
