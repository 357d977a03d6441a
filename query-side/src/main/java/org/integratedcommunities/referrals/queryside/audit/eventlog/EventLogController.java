package org.integratedcommunities.referrals.queryside.audit.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.queryside.audit.AuditActions;
import org.integratedcommunities.referrals.queryside.audit.eventlog.EventLogRepository.Entry;
import org.integratedcommunities.referrals.queryside.audit.eventlog.EventLogRepository.Filter;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.queryside.web.Problems;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

    /** The most an export holds; narrow the filters for more. */
    static final int EXPORT_LIMIT = 50_000;

    private final EventLogRepository log;
    private final ReadModelReads reads;
    private final AuditActions auditActions;

    EventLogController(EventLogRepository log, ReadModelReads reads, AuditActions auditActions) {
        this.log = log;
        this.reads = reads;
        this.auditActions = auditActions;
    }

    /** A page of the log. */
    record EventLogPage(List<Entry> items, int page, int size, long total) {}

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
        String as = format == null || format.isBlank() ? "page" : format.trim().toLowerCase(java.util.Locale.ROOT);
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
            return auditActions
                    .logged(
                            AccessedRecord.EVENT_LOG,
                            filter.recordId() == null ? List.of() : List.of(filter.recordId()))
                    .then(
                            switch (as) {
                                case "csv" ->
                                    reads.read(actor, read -> log.find(read, filter, 0, EXPORT_LIMIT))
                                            .map(entries -> download(csv(entries), "text/csv", "event-log.csv"));
                                case "json" ->
                                    reads.read(actor, read -> log.find(read, filter, 0, EXPORT_LIMIT))
                                            .map(entries -> ResponseEntity.ok()
                                                    .header(
                                                            HttpHeaders.CONTENT_DISPOSITION,
                                                            ContentDisposition.attachment()
                                                                    .filename("event-log.json")
                                                                    .build()
                                                                    .toString())
                                                    .<Object>body(entries));
                                default ->
                                    reads.read(
                                                    actor,
                                                    read -> new EventLogPage(
                                                            log.find(
                                                                    read,
                                                                    filter,
                                                                    (long) pageNumber * pageSize,
                                                                    pageSize),
                                                            pageNumber,
                                                            pageSize,
                                                            log.count(read, filter)))
                                            .map(ResponseEntity::<Object>ok);
                            });
        });
    }

    private static ResponseEntity<Object> download(String body, String mediaType, String filename) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mediaType + ";charset=UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    static String csv(List<Entry> entries) {
        StringBuilder csv = new StringBuilder(
                "event_id,occurred_at,event_type,record_type,record_id,sequence,user_id,agency_id,roles,summary\r\n");
        for (Entry entry : entries) {
            csv.append(String.join(
                            ",",
                            cell(entry.eventId()),
                            cell(entry.occurredAt().toString()),
                            cell(entry.eventType()),
                            cell(entry.aggregateType()),
                            cell(entry.aggregateId()),
                            cell(
                                    entry.sequence() == null
                                            ? null
                                            : entry.sequence().toString()),
                            cell(entry.userId()),
                            cell(entry.agencyId()),
                            cell(entry.roles()),
                            cell(entry.summary())))
                    .append("\r\n");
        }
        return csv.toString();
    }

    /** RFC 4180 quoting; a cell a spreadsheet would take for a formula is prefixed with an apostrophe. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
