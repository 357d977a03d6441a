package org.integratedcommunities.referrals.queryside.audit.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.integratedcommunities.referrals.kernel.audit.AccessedRecord;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.queryside.audit.AuditActions;
import org.integratedcommunities.referrals.queryside.audit.eventlog.EventLogRepository.Entry;
import org.integratedcommunities.referrals.queryside.audit.eventlog.EventLogRepository.Filter;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The event log as an auditor reads it, for the API ({@link EventLogController}) and the pages
 * ({@link EventLogPages}) alike: every read and export first appended to the access log (purpose {@code AUDIT}, with
 * the record filtered on, if any), then read as the auditor. The caller has checked the auditor role.
 */
@Component
class EventLog {

    /** The most an export holds; narrow the filters for more. */
    static final int EXPORT_LIMIT = 50_000;

    private final EventLogRepository log;
    private final ReadModelReads reads;
    private final AuditActions auditActions;

    EventLog(EventLogRepository log, ReadModelReads reads, AuditActions auditActions) {
        this.log = log;
        this.reads = reads;
        this.auditActions = auditActions;
    }

    /** A page of the log. */
    record EventLogPage(List<Entry> items, int page, int size, long total) {}

    /** The export formats. */
    enum Format {
        CSV,
        JSON
    }

    /** One page of the matching entries, oldest first; {@code page} from 0. */
    Mono<EventLogPage> page(Actor auditor, Filter filter, int page, int size) {
        return logged(filter)
                .then(reads.read(
                        auditor,
                        read -> new EventLogPage(
                                log.find(read, filter, (long) page * size, size),
                                page,
                                size,
                                log.count(read, filter))));
    }

    /** Every match (up to {@link #EXPORT_LIMIT}) as a download. */
    Mono<ResponseEntity<Object>> export(Actor auditor, Filter filter, Format format) {
        return logged(filter)
                .then(reads.read(auditor, read -> log.find(read, filter, 0, EXPORT_LIMIT)))
                .map(entries -> switch (format) {
                    case CSV ->
                        download(
                                csv(entries).getBytes(StandardCharsets.UTF_8),
                                MediaType.parseMediaType("text/csv;charset=UTF-8"),
                                "event-log.csv");
                    case JSON -> download(entries, MediaType.APPLICATION_JSON, "event-log.json");
                });
    }

    /** The event types the partnership's log holds, for the pages' filter. */
    Mono<List<String>> eventTypes(Actor auditor) {
        return reads.read(auditor, log::eventTypes);
    }

    private Mono<Actor> logged(Filter filter) {
        return auditActions.logged(
                AccessedRecord.EVENT_LOG, filter.recordId() == null ? List.of() : List.of(filter.recordId()));
    }

    private static ResponseEntity<Object> download(Object body, MediaType mediaType, String filename) {
        return ResponseEntity.ok()
                .contentType(mediaType)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
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
