package org.integratedcommunities.referrals.queryside.audit.eventlog;

import java.util.List;
import java.util.Optional;
import org.integratedcommunities.referrals.queryside.audit.Auditors;
import org.integratedcommunities.referrals.queryside.audit.eventlog.EventLogRepository.Filter;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.ui.Paging;
import org.integratedcommunities.referrals.queryside.ui.UkMoment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The event log's page for the partnership's auditors: the filters as a GET form (type, agency, user, record, from
 * and to as GOV.UK dates with an optional time), a page of events oldest first, and the CSV and JSON downloads of the
 * same filter. Read and logged exactly as the API reads and logs them ({@link EventLog}); a filter that is not a real
 * date or time comes back with a GOV.UK error summary and reads nothing.
 */
@Pages
@Controller
class EventLogPages {

    private static final String FORM = "events";

    private final EventLog log;

    EventLogPages(EventLog log) {
        this.log = log;
    }

    @GetMapping("/audit/events")
    Mono<String> events(ServerWebExchange exchange, Model model) {
        Form form = Form.submitted(FORM, exchange.getRequest().getQueryParams());
        Optional<Filter> filter = filter(form);
        model.addAttribute("nav", "audit");
        model.addAttribute("form", form);
        return Auditors.signedIn()
                .flatMap(auditor -> log.eventTypes(auditor).flatMap(types -> {
                    model.addAttribute("types", types);
                    if (filter.isEmpty()) {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        model.addAttribute("entries", List.of());
                        model.addAttribute("paging", Paging.of(exchange, 1, 0));
                        return Mono.just("audit/events");
                    }
                    int page = Integer.parseInt(Paging.apiPage(form.value("page")));
                    return log.page(auditor, filter.get(), page, Paging.SIZE).map(found -> {
                        model.addAttribute("entries", found.items());
                        model.addAttribute("paging", Paging.of(exchange, found.page() + 1, found.total()));
                        model.addAttribute("csv", exportLink(exchange, "csv"));
                        model.addAttribute("json", exportLink(exchange, "json"));
                        return "audit/events";
                    });
                }));
    }

    /** The current filter's events as a download: {@code csv} or {@code json}. */
    @GetMapping("/audit/events/export.{format}")
    Mono<ResponseEntity<Object>> export(@PathVariable String format, ServerWebExchange exchange) {
        EventLog.Format as = switch (format) {
            case "csv" -> EventLog.Format.CSV;
            case "json" -> EventLog.Format.JSON;
            default -> null;
        };
        if (as == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        Optional<Filter> filter =
                filter(Form.submitted(FORM, exchange.getRequest().getQueryParams()));
        if (filter.isEmpty()) {
            // Only a hand-made address gets here: the page offers downloads of valid filters only.
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        return Auditors.signedIn().flatMap(auditor -> log.export(auditor, filter.get(), as));
    }

    /** The filter the form describes; empty (with the form's problems) when a date or time is not real. */
    static Optional<Filter> filter(Form form) {
        return UkMoment.period(form)
                .map(period -> new Filter(
                        form.optional("type"),
                        form.optional("agency"),
                        form.optional("user"),
                        form.optional("recordId"),
                        period.from(),
                        period.to()));
    }

    /** The download of the filter shown: its filled-in fields only (a GET form sends the empty ones too). */
    private static String exportLink(ServerWebExchange exchange, String format) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/audit/events/export." + format);
        exchange.getRequest().getQueryParams().forEach((name, values) -> {
            if (!"page".equals(name)) {
                values.stream().filter(value -> !value.isBlank()).forEach(value -> link.queryParam(name, value));
            }
        });
        return link.encode().build().toUriString();
    }
}
