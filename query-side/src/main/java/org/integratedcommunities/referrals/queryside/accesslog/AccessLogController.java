package org.integratedcommunities.referrals.queryside.accesslog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.accesslog.AccessLogRepository.AccessLogQuery;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The access log for the partnership's auditors: every time someone was shown personal data (a case, a page of
 * cases, a referral), who, from which agency, in which roles, when, and why. Other roles get 403.
 */
@RestController
@RequestMapping("/api/audit/access-log")
class AccessLogController {

    private final AccessLogRepository log;
    private final ReadModelReads reads;

    AccessLogController(AccessLogRepository log, ReadModelReads reads) {
        this.log = log;
        this.reads = reads;
    }

    /**
     * One page of the access log, newest first.
     *
     * @param user only this reader (the identity provider's user id)
     * @param agency only readers of this agency
     * @param recordId only reads of this case or referral
     * @param from only reads at or after this instant (ISO-8601, e.g. {@code 2026-11-01T00:00:00Z})
     * @param to only reads before this instant
     * @param page the page, from 0 (default) to 10000
     * @param size entries per page, 1 to 200 (default 50)
     */
    @GetMapping
    Mono<ResponseEntity<Object>> search(
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String recordId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasRole(Role.AUDITOR)) {
                return Mono.just(Problems.forbidden("Your role does not allow you to see the access log.", exchange));
            }
            List<Map<String, String>> errors = new ArrayList<>();
            Instant since = ListParameters.instant(from, "from", errors);
            Instant until = ListParameters.instant(to, "to", errors);
            int pageNumber = ListParameters.page(page, errors);
            int pageSize = ListParameters.size(size, errors);
            if (since != null && until != null && !since.isBefore(until)) {
                errors.add(ApiProblemHandler.fieldError("to", "must be after from"));
            }
            if (!errors.isEmpty()) {
                return Mono.just(ListParameters.invalid(errors, exchange));
            }
            AccessLogQuery query = new AccessLogQuery(
                    ListParameters.text(user),
                    ListParameters.text(agency),
                    ListParameters.text(recordId),
                    since,
                    until,
                    pageNumber,
                    pageSize);
            return reads.read(actor, read -> log.page(read, query)).map(ResponseEntity::ok);
        });
    }
}
