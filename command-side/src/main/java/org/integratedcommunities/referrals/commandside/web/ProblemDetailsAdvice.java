package org.integratedcommunities.referrals.commandside.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.integratedcommunities.referrals.commandside.rules.RuleViolation;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** The command side's failures as problem+json: refused by a rule (422), unknown record (404), stale version (409). */
@RestControllerAdvice
class ProblemDetailsAdvice extends ApiProblemHandler {

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation, ServerWebExchange exchange) {
        ProblemDetail problem =
                problem(HttpStatus.UNPROCESSABLE_ENTITY, "Not allowed by the rules", violation.getMessage(), exchange);
        violation.field().ifPresent(field -> problem.setProperty("errors", fieldErrors(field, violation.getMessage())));
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e, ServerWebExchange exchange) {
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
}
