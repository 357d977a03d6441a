package org.integratedcommunities.referrals.queryside.referral;

import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.directory.PartnershipAgencies;
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
 * Referring the person on from a referral's outcome (the receiving agency, once the outcome is recorded): the same two
 * question pages as raising a referral from the case (which kind, then its own questions and the receiving agency),
 * sent to the command side's {@code POST /api/referrals/{id}/onward-referrals} as the signed-in user with the form's
 * idempotency key and the parent's version as {@code If-Match}. The new referral is about the parent's case and linked
 * to its parent; on success the browser goes to it (Post/Redirect/Get) once the read model has it.
 *
 * <p>Offered ({@link ReferralAction#REFER_ON}) only where the command side allows it; a refusal still lands on the form.
 */
@Pages
@Controller
class ReferOnPages {

    private final ReferralSummaryRepository summaries;
    private final ReadModelReads reads;
    private final CommandSide commandSide;
    private final PartnershipAgencies agencies;

    ReferOnPages(
            ReferralSummaryRepository summaries,
            ReadModelReads reads,
            CommandSide commandSide,
            PartnershipAgencies agencies) {
        this.summaries = summaries;
        this.reads = reads;
        this.commandSide = commandSide;
        this.agencies = agencies;
    }

    @GetMapping("/referrals/{referralId}/refer-on")
    Mono<String> start(
            @PathVariable String referralId,
            @RequestParam(required = false) String type,
            ServerWebExchange exchange,
            Model model) {
        ReferralId id = ReferralActionPages.idOf(referralId);
        return CurrentActor.get()
                .flatMap(actor -> parent(actor, id).flatMap(parent -> {
                    Form choice = Form.submitted(
                            ReferralQuestions.FORM, exchange.getRequest().getQueryParams());
                    ReferralType chosen = type == null ? null : ReferralQuestions.type(choice);
                    if (chosen == null) {
                        if (choice.hasErrors()) {
                            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        }
                        model.addAttribute("nav", "inbox");
                        return Mono.just(ReferralQuestions.kindPage(
                                model,
                                type == null ? Form.empty(ReferralQuestions.FORM) : choice,
                                "/referrals/" + id + "/refer-on",
                                "/referrals/" + id,
                                "Back to the referral"));
                    }
                    return questions(model, actor, parent, chosen, ReferralQuestions.newQuestions());
                }));
    }

    @PostMapping("/referrals/{referralId}/refer-on")
    Mono<String> referOn(@PathVariable String referralId, ServerWebExchange exchange, Model model) {
        ReferralId id = ReferralActionPages.idOf(referralId);
        return CurrentActor.get()
                .flatMap(actor -> parent(actor, id)
                        .flatMap(parent -> exchange.getFormData().flatMap(posted -> {
                            Form form = Form.submitted(ReferralQuestions.FORM, posted);
                            ReferralType type = ReferralQuestions.type(form);
                            if (type == null) {
                                return Mono.<String>error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
                            }
                            Map<String, Object> body = ReferralQuestions.body(type, parent.caseId(), form);
                            if (form.hasErrors()) {
                                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                                return questions(model, actor, parent, type, form);
                            }
                            return commandSide
                                    .post(
                                            "/api/referrals/" + id + "/onward-referrals",
                                            body,
                                            form.idempotencyKey(),
                                            ReferralActionPages.versionShown(form, parent))
                                    .flatMap(result -> {
                                        if (result.succeeded()) {
                                            ReferralId onward = ReferralId.parse(result.body()
                                                    .path("referralId")
                                                    .asText());
                                            return caughtUp(actor, onward)
                                                    .thenReturn("redirect:/referrals/" + onward + "?done="
                                                            + ReferralAction.REFER_ON.path());
                                        }
                                        if (result.status() == HttpStatus.NOT_FOUND.value()) {
                                            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                                        }
                                        exchange.getResponse().setStatusCode(result.pageStatus());
                                        return questions(
                                                model,
                                                actor,
                                                parent,
                                                type,
                                                form.rejectedBy(result, ReferralQuestions.API_FIELDS)
                                                        .withNewKey());
                                    });
                        })));
    }

    private Mono<String> questions(Model model, Actor actor, ReferralView parent, ReferralType type, Form form) {
        return agencies.others(actor).map(others -> {
            model.addAttribute("nav", "inbox");
            model.addAttribute("version", parent.version());
            return ReferralQuestions.questionsPage(
                    model,
                    form,
                    type,
                    others,
                    "/referrals/" + parent.referralId() + "/refer-on",
                    "Refer the person on",
                    "Refer on");
        });
    }

    /** The referral referred on from, as the actor may see it; only one about a case's person can be referred on. */
    private Mono<ReferralView> parent(Actor actor, ReferralId id) {
        return reads.read(actor, read -> summaries.findVisible(read, id))
                .flatMap(found -> found.isPresent() && found.get().view().caseId() != null
                        ? Mono.just(found.get().view())
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    /** Waits, briefly, until the read model has the new referral, so the page the browser is sent to shows it. */
    private Mono<Void> caughtUp(Actor actor, ReferralId onward) {
        return ReadModelCatchUp.until(() ->
                reads.read(actor, read -> summaries.findVisible(read, onward).isPresent()));
    }
}
