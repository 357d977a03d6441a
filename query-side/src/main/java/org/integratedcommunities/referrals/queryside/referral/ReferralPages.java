package org.integratedcommunities.referrals.queryside.referral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Labels;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.ui.Paging;
import org.integratedcommunities.referrals.queryside.web.EventStoreReads;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The referral pages of the web UI: the agency's inbox and outbox, filtered with a GET form and paged, and one
 * referral in full. They read exactly as the query API does ({@link ReferralQueryController}): the same list query, the
 * same two-step detail, as the same actor, so a page never shows what the API would not. A referral the user's agency
 * may not see is the 404 page, as one that does not exist.
 */
@Pages
@Controller
class ReferralPages {

    private final ReferralSummaryRepository summaries;
    private final ReferralDetails details;
    private final ReadModelReads reads;
    private final EventStoreReads eventStoreReads;
    private final Labels labels;

    ReferralPages(
            ReferralSummaryRepository summaries,
            ReferralDetails details,
            ReadModelReads reads,
            EventStoreReads eventStoreReads,
            Labels labels) {
        this.labels = labels;
        this.summaries = summaries;
        this.details = details;
        this.reads = reads;
        this.eventStoreReads = eventStoreReads;
    }

    @GetMapping("/inbox")
    Mono<String> inbox(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String slaBreached,
            @RequestParam(required = false) String page,
            ServerWebExchange exchange,
            Model model) {
        return list(ReferralListQuery.Box.INBOX, status, type, slaBreached, page, exchange, model);
    }

    @GetMapping("/outbox")
    Mono<String> outbox(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String slaBreached,
            @RequestParam(required = false) String page,
            ServerWebExchange exchange,
            Model model) {
        return list(ReferralListQuery.Box.OUTBOX, status, type, slaBreached, page, exchange, model);
    }

    private Mono<String> list(
            ReferralListQuery.Box box,
            List<String> status,
            List<String> type,
            String slaBreached,
            String page,
            ServerWebExchange exchange,
            Model model) {
        List<String> statuses = filled(status);
        List<String> types = filled(type);
        String breached = slaBreached == null || slaBreached.isBlank() ? null : slaBreached;
        String apiPage = Paging.apiPage(page);
        ReferralListQuery.Parsed parsed = ReferralListQuery.parse(
                box.name(),
                statuses,
                types,
                breached,
                null,
                null,
                box == ReferralListQuery.Box.INBOX ? "acknowledgeBy" : null,
                apiPage,
                String.valueOf(Paging.SIZE));
        String name = box == ReferralListQuery.Box.INBOX ? "inbox" : "outbox";
        model.addAttribute("box", name);
        model.addAttribute("nav", name);
        model.addAttribute("selectedStatuses", Set.copyOf(statuses));
        model.addAttribute("selectedTypes", Set.copyOf(types));
        model.addAttribute("slaBreached", breached == null ? "" : breached);
        if (parsed.query() == null) {
            // Only a hand-made address gets here: the filter form offers valid values only.
            model.addAttribute("errors", parsed.errors());
            model.addAttribute("referrals", List.of());
            model.addAttribute("paging", Paging.of(exchange, 1, 0));
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return Mono.just("referral/list");
        }
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> summaries.page(read, parsed.query())))
                .map(found -> {
                    model.addAttribute("errors", List.of());
                    model.addAttribute("referrals", found.items());
                    model.addAttribute(
                            "paging", Paging.of(exchange, found.page() + 1, found.total(), found.totalIsExact()));
                    return "referral/list";
                });
    }

    @GetMapping("/referrals/{referralId}")
    Mono<String> detail(@PathVariable String referralId, @RequestParam(required = false) String done, Model model) {
        ReferralId id;
        try {
            id = ReferralId.parse(referralId);
        } catch (IllegalArgumentException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> details.findVisible(read, id))
                        .flatMap(found -> found.isPresent()
                                ? eventStoreReads.read(events -> details.open(found.get(), events, actor))
                                : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
                        .map(detail -> {
                            boolean sent =
                                    actor.agencyId().equals(detail.referral().referringAgencyId());
                            model.addAttribute("referral", detail);
                            model.addAttribute(
                                    "title", labels.type(detail.referral().type()) + " referral");
                            model.addAttribute("view", detail.referral());
                            model.addAttribute("showCaseLink", showCaseLink(actor, detail.referral(), sent));
                            model.addAttribute("nav", sent ? "outbox" : "inbox");
                            List<ReferralAction> actions = ReferralAction.available(actor, detail.referral());
                            Map<String, Form> forms = new LinkedHashMap<>();
                            actions.forEach(action -> forms.put(action.path(), Form.empty(action.path())));
                            model.addAttribute("actions", actions);
                            model.addAttribute("forms", forms);
                            model.addAttribute("vocabularies", ReferralAction.VOCABULARIES);
                            // After a step (Post/Redirect/Get): the banner says what was done.
                            model.addAttribute(
                                    "banner",
                                    "raised".equals(done)
                                            ? "You raised the referral"
                                            : ReferralAction.of(done == null ? "" : done)
                                                    .map(ReferralAction::done)
                                                    .orElse(null));
                            return "referral/detail";
                        }));
    }

    /**
     * The case page is its owning agency's: the agency that raised the referral from it. An onward referral carries the
     * case of the referral it came from, but was sent by the agency that received that one, which cannot open the case.
     */
    private static boolean showCaseLink(Actor actor, ReferralView referral, boolean sent) {
        return sent
                && referral.caseId() != null
                && referral.parentReferralId() == null
                && actor.hasAnyRole(Role.CASE_WORKING);
    }

    /** Repeated and comma-separated values alike, blanks dropped (an unticked filter form sends none). */
    private static List<String> filled(List<String> values) {
        List<String> filled = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        filled.add(part.trim());
                    }
                }
            }
        }
        return filled.stream().distinct().collect(Collectors.toList());
    }
}
