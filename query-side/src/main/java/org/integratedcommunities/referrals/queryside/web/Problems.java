package org.integratedcommunities.referrals.queryside.web;

import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/** The query API's refusals as its controllers answer them: RFC 9457 problem+json. */
public final class Problems {

    private Problems() {}

    /** 404, exactly as for a record that does not exist, whoever asks and whatever it is. */
    public static ResponseEntity<Object> notFound(ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiProblemHandler.notFound(exchange).getBody());
    }

    /** 403 for a role that may not read this, saying what it may not read. */
    public static ResponseEntity<Object> forbidden(String detail, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ApiProblemHandler.problem(HttpStatus.FORBIDDEN, "Not allowed", detail, exchange));
    }
}
