package org.integratedcommunities.referrals.commandside.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.integratedcommunities.referrals.commandside.authorisation.NotPermitted;
import org.integratedcommunities.referrals.commandside.authorisation.NotVisible;
import org.integratedcommunities.referrals.commandside.rules.IllegalTransition;
import org.integratedcommunities.referrals.commandside.rules.InvalidInput;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * The command side's failures as problem+json: malformed input (400), not allowed for the actor (403), unknown or not
 * theirs to see (404), not possible in the current state or stale version (409), against a rule (422).
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ApiProblemHandler {

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput invalid, ServerWebExchange exchange) {
        return withFieldErrors(HttpStatus.BAD_REQUEST, "Invalid request", invalid, exchange);
    }

    @ExceptionHandler(IllegalTransition.class)
    ResponseEntity<ProblemDetail> illegalTransition(IllegalTransition transition, ServerWebExchange exchange) {
        ProblemDetail problem =
                problem(HttpStatus.CONFLICT, "Not possible in the current state", transition.getMessage(), exchange);
        problem.setProperty("currentState", transition.currentState());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation, ServerWebExchange exchange) {
        return withFieldErrors(HttpStatus.UNPROCESSABLE_ENTITY, "Not allowed by the rules", violation, exchange);
    }

    @ExceptionHandler(NotPermitted.class)
    ResponseEntity<ProblemDetail> notPermitted(NotPermitted e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), exchange));
    }

    @ExceptionHandler({NotVisible.class, AggregateNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e, ServerWebExchange exchange) {
        return notFound(exchange);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(
                        HttpStatus.CONFLICT,
                        "Changed by someone else",
                        "The record has changed since you read it. Reload it and try again.",
                        exchange));
    }

    private static ResponseEntity<ProblemDetail> withFieldErrors(
            HttpStatus status, String title, RuleViolation violation, ServerWebExchange exchange) {
        ProblemDetail problem = problem(status, title, violation.getMessage(), exchange);
        violation.field().ifPresent(field -> problem.setProperty("errors", fieldErrors(field, violation.getMessage())));
        return ResponseEntity.status(status).body(problem);
    }
}
