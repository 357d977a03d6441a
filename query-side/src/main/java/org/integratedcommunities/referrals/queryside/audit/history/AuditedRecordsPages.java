package org.integratedcommunities.referrals.queryside.audit.history;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.audit.Auditors;
import org.integratedcommunities.referrals.queryside.audit.history.AuditedRecords.Rebuilt;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.ui.UkMoment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A referral's or a case's history for the partnership's auditors, as the API gives it ({@link AuditedRecords}: the
 * same partnership check, the same access-log entry, the same rebuild from the events): the record as it stood at a
 * chosen moment and its events up to then. The moment comes from the as-at picker (a GOV.UK date and a time, UK time),
 * from an event's link ({@code asAt}, an instant), or is now. Another partnership's record, or none, is the 404 page.
 */
@Pages
@Controller
class AuditedRecordsPages {

    private static final String PICKER = "asat";
    private static final String AT = "at";

    private final AuditedRecords records;
    private final Clock clock = Clock.systemUTC();

    AuditedRecordsPages(AuditedRecords records) {
        this.records = records;
    }

    /** The records an auditor can look up. */
    enum Kind {
        REFERRAL,
        CASE
    }

    /** Enter a record's id; a good one goes on to its history, as it stands now. */
    @GetMapping("/audit/history")
    Mono<String> find(ServerWebExchange exchange, Model model) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        Form form = Form.submitted("history", query);
        model.addAttribute("nav", "audit");
        model.addAttribute("form", form);
        model.addAttribute("kinds", Kind.values());
        return Auditors.signedIn().map(auditor -> {
            if (query.isEmpty()) {
                return "audit/history";
            }
            Kind kind = form.choice("kind", Kind.class, true, "Select whether it is a referral or a case");
            String id = form.value("recordId");
            if (id.isEmpty()) {
                form.reject("recordId", "Enter the id of the referral or case");
            } else if (!isUuid(id)) {
                form.reject("recordId", "Enter the record's whole id, such as 5f0c6c1e-8a3b-4d6e-9f21-0b7d2c4a9e10");
            }
            if (form.hasErrors()) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                return "audit/history";
            }
            return "redirect:/audit/" + (kind == Kind.REFERRAL ? "referrals/" : "cases/") + id.toLowerCase(Locale.ROOT);
        });
    }

    @GetMapping("/audit/referrals/{referralId}")
    Mono<String> referral(@PathVariable String referralId, ServerWebExchange exchange, Model model) {
        ReferralId id;
        try {
            id = ReferralId.parse(referralId);
        } catch (IllegalArgumentException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return asAt(
                exchange,
                model,
                Kind.REFERRAL,
                id.toString(),
                (auditor, moment) -> records.referral(auditor, id, moment));
    }

    @GetMapping("/audit/cases/{caseId}")
    Mono<String> caseFile(@PathVariable String caseId, ServerWebExchange exchange, Model model) {
        CaseId id;
        try {
            id = CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return asAt(
                exchange, model, Kind.CASE, id.toString(), (auditor, moment) -> records.caseFile(auditor, id, moment));
    }

    /** The moment asked for, the record rebuilt as at then, and the page; a moment that is not real reads nothing. */
    private <T> Mono<String> asAt(
            ServerWebExchange exchange,
            Model model,
            Kind kind,
            String id,
            BiFunction<Actor, Instant, Mono<Rebuilt<T>>> rebuild) {
        Form form = Form.submitted(PICKER, exchange.getRequest().getQueryParams());
        Optional<Instant> moment = moment(form);
        String template = kind == Kind.REFERRAL ? "audit/referral" : "audit/case";
        model.addAttribute("nav", "audit");
        model.addAttribute("form", form);
        model.addAttribute("recordId", id);
        return Auditors.signedIn().flatMap(auditor -> {
            if (moment.isEmpty()) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("record", null);
                return Mono.just(template);
            }
            return rebuild.apply(auditor, moment.get()).flatMap(rebuilt -> {
                if (!rebuilt.ours()) {
                    return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                }
                UkMoment.fill(form, AT, moment.get());
                model.addAttribute("moment", moment.get());
                model.addAttribute("record", rebuilt.asAt().orElse(null));
                return Mono.just(template);
            });
        });
    }

    /** From the picker, else an event's link ({@code asAt}), else now; empty (the form says why) if not real. */
    private Optional<Instant> moment(Form form) {
        boolean picked = !(form.value(AT + "-day")
                        + form.value(AT + "-month")
                        + form.value(AT + "-year")
                        + form.value(AT + "-hour")
                        + form.value(AT + "-minute")
                        + form.value(AT + "-second"))
                .isEmpty();
        if (picked) {
            Optional<Instant> at = UkMoment.read(form, AT, "The moment", UkMoment.DayEnd.START);
            if (at.isEmpty() && !form.hasErrors()) {
                form.reject(AT, form.id(AT) + "-day", "Enter the date of the moment");
            }
            return at;
        }
        String given = form.value("asAt");
        if (given.isEmpty()) {
            return Optional.of(clock.instant());
        }
        try {
            return Optional.of(Instant.parse(given));
        } catch (DateTimeParseException e) {
            form.reject(AT, form.id(AT) + "-day", "The moment must be a real date and time");
            return Optional.empty();
        }
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
