package org.integratedcommunities.referrals.queryside.casefile;

import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.queryside.referral.CaseReferrals;
import org.integratedcommunities.referrals.queryside.referral.ReferralPage;
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
 * The case pages of the web UI: the cases the user's agency holds, each person's name opened for the reader, and one
 * case with the person, its lawful bases, its history and its referrals. Read as the query API reads them
 * ({@link CaseQueryController}); a case of another agency is the 404 page, as one that does not exist.
 */
@Pages
@Controller
class CasePages {

    /** A case's page lists this many of its referrals, newest first. */
    private static final int CASE_REFERRALS = 50;

    private static final Map<String, String> BANNERS = Map.of(
            "opened", "You opened the case",
            "consent", "You recorded the person's consent",
            "referral", "You raised the referral",
            "consent-withdrawn",
                    "You withdrew the person's consent: open referrals that relied on it are being suspended and the"
                            + " receiving agencies told");

    private final CaseFileRepository cases;
    private final CasePersonalData personalData;
    private final CaseReferrals caseReferrals;
    private final ReadModelReads reads;
    private final EventStoreReads eventStoreReads;

    CasePages(
            CaseFileRepository cases,
            CasePersonalData personalData,
            CaseReferrals caseReferrals,
            ReadModelReads reads,
            EventStoreReads eventStoreReads) {
        this.cases = cases;
        this.personalData = personalData;
        this.caseReferrals = caseReferrals;
        this.reads = reads;
        this.eventStoreReads = eventStoreReads;
    }

    @GetMapping("/cases")
    Mono<String> list(@RequestParam(required = false) String page, ServerWebExchange exchange, Model model) {
        CaseListQuery.Parsed parsed = CaseListQuery.parse(null, Paging.apiPage(page), String.valueOf(Paging.SIZE));
        if (parsed.query() == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
        }
        model.addAttribute("nav", "cases");
        return CurrentActor.get()
                .flatMap(actor -> reads.read(actor, read -> cases.page(read, parsed.query()))
                        .flatMap(
                                stored -> eventStoreReads.read(events -> personalData.openPage(stored, events, actor))))
                .map(items -> {
                    model.addAttribute("cases", items.items());
                    model.addAttribute("paging", Paging.of(exchange, items.page() + 1, items.total()));
                    return "casefile/list";
                });
    }

    @GetMapping("/cases/{caseId}")
    Mono<String> detail(@PathVariable String caseId, @RequestParam(required = false) String done, Model model) {
        CaseId id;
        try {
            id = CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        model.addAttribute("nav", "cases");
        // After a form (Post/Redirect/Get): the banner says what was done.
        model.addAttribute("banner", BANNERS.get(done == null ? "" : done));
        return CurrentActor.get()
                .flatMap(actor -> reads.read(
                                actor,
                                read -> cases.findVisible(read, id)
                                        .map(stored -> new Visible(
                                                stored,
                                                cases.history(
                                                        read, id, stored.view().version()),
                                                caseReferrals.of(read, id, CASE_REFERRALS))))
                        .flatMap(found -> found.isPresent()
                                ? eventStoreReads.read(events -> {
                                    Visible visible = found.get();
                                    model.addAttribute(
                                            "caseFile", visible.stored().view());
                                    model.addAttribute("person", personalData.open(events, id, actor));
                                    model.addAttribute("history", visible.history());
                                    model.addAttribute(
                                            "referrals", visible.referrals().items());
                                    return "casefile/detail";
                                })
                                : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND))));
    }

    private record Visible(
            CaseFileRepository.StoredCase stored, List<CaseDetail.HistoryEntry> history, ReferralPage referrals) {}
}
