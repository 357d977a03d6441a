package org.integratedcommunities.referrals.queryside.casefile;

import java.time.ZoneId;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.directory.PartnershipAgencies;
import org.integratedcommunities.referrals.queryside.referral.CaseReferrals;
import org.integratedcommunities.referrals.queryside.referral.ReferralQuestions;
import org.integratedcommunities.referrals.queryside.ui.CommandSide;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Pages;
import org.integratedcommunities.referrals.queryside.ui.ReadModelCatchUp;
import org.integratedcommunities.referrals.queryside.web.ReadModelReads;
import org.integratedcommunities.referrals.webapi.CurrentActor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Raising a referral for a case, in two GOV.UK question pages: which kind of referral (a GET form), then that kind's
 * own questions and the receiving agency, chosen from the other agencies of the user's partnership (those offering
 * the kind first). Checked here, then raised through the command side as the signed-in user with the form's
 * idempotency key; on success the browser goes to the new referral (Post/Redirect/Get) once the read model has it.
 */
@Pages
@Controller
class CaseReferralPages {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final int SHORT = ReferralParticulars.MAX_SHORT_TEXT;
    private static final int LONG = ReferralParticulars.MAX_TEXT;

    private final CaseFileRepository cases;
    private final CaseReferrals caseReferrals;
    private final ReadModelReads reads;
    private final CommandSide commandSide;
    private final PartnershipAgencies agencies;

    CaseReferralPages(
            CaseFileRepository cases,
            CaseReferrals caseReferrals,
            ReadModelReads reads,
            CommandSide commandSide,
            PartnershipAgencies agencies) {
        this.cases = cases;
        this.caseReferrals = caseReferrals;
        this.reads = reads;
        this.commandSide = commandSide;
        this.agencies = agencies;
    }

    @GetMapping("/cases/{caseId}/referrals/new")
    Mono<String> start(
            @PathVariable String caseId,
            @RequestParam(required = false) String type,
            ServerWebExchange exchange,
            Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id).flatMap(view -> {
                    Form choice = Form.submitted(
                            ReferralQuestions.FORM, exchange.getRequest().getQueryParams());
                    ReferralType chosen = type == null ? null : ReferralQuestions.type(choice);
                    if (chosen == null) {
                        if (choice.hasErrors()) {
                            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        }
                        model.addAttribute("nav", "cases");
                        model.addAttribute("caseFile", view);
                        return Mono.just(ReferralQuestions.kindPage(
                                model,
                                type == null ? Form.empty(ReferralQuestions.FORM) : choice,
                                "/cases/" + id + "/referrals/new",
                                "/cases/" + id,
                                "Back to the case"));
                    }
                    return questions(model, actor, view, chosen, ReferralQuestions.newQuestions());
                }));
    }

    @PostMapping("/cases/{caseId}/referrals/new")
    Mono<String> raise(@PathVariable String caseId, ServerWebExchange exchange, Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id)
                        .flatMap(view -> exchange.getFormData().flatMap(posted -> {
                            Form form = Form.submitted(ReferralQuestions.FORM, posted);
                            ReferralType type = ReferralQuestions.type(form);
                            if (type == null) {
                                return Mono.<String>error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
                            }
                            Map<String, Object> body = ReferralQuestions.body(type, id, form);
                            if (form.hasErrors()) {
                                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                                return questions(model, actor, view, type, form);
                            }
                            return commandSide
                                    .post("/api/referrals", body, form.idempotencyKey(), null)
                                    .flatMap(result -> {
                                        if (result.succeeded()) {
                                            ReferralId raised = ReferralId.parse(result.body()
                                                    .path("referralId")
                                                    .asText());
                                            return caughtUp(actor, id, raised)
                                                    .thenReturn("redirect:/referrals/" + raised + "?done=raised");
                                        }
                                        exchange.getResponse().setStatusCode(result.pageStatus());
                                        return questions(
                                                model,
                                                actor,
                                                view,
                                                type,
                                                form.rejectedBy(result, ReferralQuestions.API_FIELDS)
                                                        .withNewKey());
                                    });
                        })));
    }

    private Mono<String> questions(Model model, Actor actor, CaseView view, ReferralType type, Form form) {
        return agencies.others(actor).map(others -> {
            model.addAttribute("nav", "cases");
            model.addAttribute("caseFile", view);
            return ReferralQuestions.questionsPage(
                    model,
                    form,
                    type,
                    others,
                    "/cases/" + view.caseId() + "/referrals/new",
                    "Raise a referral",
                    "Raise referral");
        });
    }

    private Mono<CaseView> visible(Actor actor, CaseId id) {
        return reads.read(actor, read -> cases.findVisible(read, id))
                .flatMap(found -> found.isPresent()
                        ? Mono.just(found.get().view())
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    /** Waits, briefly, until the read model lists the new referral under the case. */
    private Mono<Void> caughtUp(Actor actor, CaseId caseId, ReferralId raised) {
        return ReadModelCatchUp.until(() -> reads.read(
                actor,
                read -> caseReferrals.of(read, caseId, 200).items().stream()
                        .anyMatch(referral -> referral.referralId().equals(raised))));
    }

    private static CaseId idOf(String caseId) {
        try {
            return CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
