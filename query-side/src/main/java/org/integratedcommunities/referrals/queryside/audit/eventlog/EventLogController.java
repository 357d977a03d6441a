package org.integratedcommunities.referrals.queryside.audit.eventlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.audit.eventlog.EventLogRepository.Filter;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
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
 * The partnership-wide event log for its auditors: every event, when, what in plain words, who from which agency, on
 * which record; filtered by type, agency, user, record and time; paged, or exported whole as CSV or JSON. Each read is
 * itself in the access log.
 */
@RestController
@RequestMapping("/api/audit/events")
class EventLogController {

    private final EventLog log;

    EventLogController(EventLog log) {
        this.log = log;
    }

    /**
     * The partnership's event log, oldest first.
     *
     * @param type only this event type (e.g. {@code ReferralAcceptedEvent})
     * @param agency only events by users of this agency
     * @param user only events by this user (the identity provider's user id)
     * @param recordId only events of this referral, case or other record
     * @param from only events at or after this instant (ISO-8601)
     * @param to only events before this instant
     * @param format {@code page} (default: JSON, paged), {@code csv} or {@code json} (every match, up to 50,000, as a
     *     download)
     * @param page the page, from 0 (default) to 10000 (format page only)
     * @param size entries per page, 1 to 200 (default 50; format page only)
     */
    @GetMapping
    Mono<ResponseEntity<Object>> events(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String recordId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            ServerWebExchange exchange) {
        List<Map<String, String>> errors = new ArrayList<>();
        Instant since = ListParameters.instant(from, "from", errors);
        Instant until = ListParameters.instant(to, "to", errors);
        int pageNumber = ListParameters.page(page, errors);
        int pageSize = ListParameters.size(size, errors);
        String as = format == null || format.isBlank() ? "page" : format.trim().toLowerCase(Locale.ROOT);
        if (!List.of("page", "csv", "json").contains(as)) {
            errors.add(ApiProblemHandler.fieldError("format", "must be page, csv or json"));
        }
        if (!errors.isEmpty()) {
            return Mono.just(ListParameters.invalid(errors, exchange));
        }
        Filter filter = new Filter(
                ListParameters.text(type),
                ListParameters.text(agency),
                ListParameters.text(user),
                ListParameters.text(recordId),
                since,
                until);
        return CurrentActor.get().flatMap(actor -> {
            if (!actor.hasRole(Role.AUDITOR)) {
                return Mono.just(Problems.forbidden("Only auditors read the event log.", exchange));
            }
            return switch (as) {
                case "csv" -> log.export(actor, filter, EventLog.Format.CSV);
                case "json" -> log.export(actor, filter, EventLog.Format.JSON);
                default -> log.page(actor, filter, pageNumber, pageSize).map(ResponseEntity::<Object>ok);
            };
        });
    }
}
