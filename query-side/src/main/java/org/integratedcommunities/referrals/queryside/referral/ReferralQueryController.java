package org.integratedcommunities.referrals.queryside.referral;

import java.util.List;
import java.util.Locale;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralSummary;
import org.integratedcommunities.referrals.queryside.referral.ReferralSummaryRepository.Box;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Referrals as the caller's agency sees them: what it received (inbox) and what it sent (outbox). A referral the
 * caller's agency neither sent nor received answers 404, exactly as one that does not exist.
 */
@RestController
@RequestMapping("/api/referrals")
class ReferralQueryController {

    private static final int MAX_PAGE = 200;

    private final ReferralSummaryRepository repository;
    private final ReadModelReads reads;

    ReferralQueryController(ReferralSummaryRepository repository, ReadModelReads reads) {
        this.repository = repository;
        this.reads = reads;
    }

    @GetMapping
    Mono<ResponseEntity<Object>> list(
            @RequestParam(defaultValue = "all") String box,
            @RequestParam(defaultValue = "50") int limit,
            ServerWebExchange exchange) {
        Box which;
        try {
            which = Box.valueOf(box.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Mono.just(badRequest("box", "must be inbox, outbox or all", exchange));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.just(badRequest("limit", "must be between 1 and " + MAX_PAGE, exchange));
        }
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> repository.list(read, which, limit)))
                .map(ReferralQueryController::ok);
    }

    @GetMapping("/{referralId}")
    Mono<ResponseEntity<Object>> detail(@PathVariable String referralId, ServerWebExchange exchange) {
        ReferralId id;
        try {
            id = ReferralId.parse(referralId);
        } catch (IllegalArgumentException e) {
            return Mono.just(notFound(exchange));
        }
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> repository.findVisible(read, id)))
                .map(found ->
                        found.<ResponseEntity<Object>>map(ResponseEntity::ok).orElseGet(() -> notFound(exchange)));
    }

    private static ResponseEntity<Object> ok(List<ReferralSummary> summaries) {
        return ResponseEntity.ok(summaries);
    }

    private static ResponseEntity<Object> notFound(ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiProblemHandler.notFound(exchange).getBody());
    }

    private static ResponseEntity<Object> badRequest(String field, String message, ServerWebExchange exchange) {
        var problem = ApiProblemHandler.problem(
                HttpStatus.BAD_REQUEST, "Invalid request", "Some parameters are invalid.", exchange);
        problem.setProperty("errors", ApiProblemHandler.fieldErrors(field, message));
        return ResponseEntity.badRequest().body(problem);
    }
}
