package org.integratedcommunities.referrals.queryside.referral;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;
import org.integratedcommunities.referrals.queryside.directory.PartnershipAgencies;
import org.integratedcommunities.referrals.queryside.ui.Colleagues;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The referral's lifecycle steps as forms ({@link ReferralAction}): each posts here, is checked here first (a form
 * with problems comes back with a GOV.UK error summary, as typed, and nothing is sent), then goes to the command side
 * as the signed-in user. On success the browser is sent back to the referral (Post/Redirect/Get) with a notification
 * banner, once the read model shows the change; a refusal (not allowed, not possible now, changed by someone else,
 * a field the command side rejects) comes back on the form.
 *
 * <p>These pages read only the referral's summary row, never its personal data: a form shown again reads nothing the
 * access log would have to record.
 */
@Pages
@Controller
class ReferralActionPages {

    private final ReferralSummaryRepository summaries;
    private final ReadModelReads reads;
    private final CommandSide commandSide;
    private final PartnershipAgencies agencies;
    private final Colleagues colleagues;

    ReferralActionPages(
            ReferralSummaryRepository summaries,
            ReadModelReads reads,
            CommandSide commandSide,
            PartnershipAgencies agencies,
            Colleagues colleagues) {
        this.summaries = summaries;
        this.reads = reads;
        this.commandSide = commandSide;
        this.agencies = agencies;
        this.colleagues = colleagues;
    }

    @GetMapping("/referrals/{referralId}/{action}")
    Mono<String> show(@PathVariable String referralId, @PathVariable String action, Model model) {
        ReferralAction step = actionOf(action);
        ReferralId id = idOf(referralId);
        return CurrentActor.get()
                .flatMap(actor ->
                        visible(actor, id).flatMap(view -> page(model, actor, step, view, emptyForm(step, view))));
    }

    @PostMapping("/referrals/{referralId}/{action}")
    Mono<String> submit(
            @PathVariable String referralId, @PathVariable String action, ServerWebExchange exchange, Model model) {
        ReferralAction step = actionOf(action);
        ReferralId id = idOf(referralId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id)
                        .flatMap(view -> exchange.getFormData().flatMap(posted -> {
                            Form form = Form.submitted(step.path(), posted);
                            Object body = body(step, view.type(), form);
                            if (form.hasErrors()) {
                                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                                return page(model, actor, step, view, form);
                            }
                            long version = versionShown(form, view);
                            return commandSide
                                    .post(
                                            "/api/referrals/" + id + "/" + step.step(),
                                            body,
                                            form.idempotencyKey(),
                                            version)
                                    .flatMap(result -> {
                                        if (result.succeeded()) {
                                            return caughtUp(actor, id, version)
                                                    .thenReturn("redirect:/referrals/" + id + "?done=" + step.path());
                                        }
                                        if (result.status() == HttpStatus.NOT_FOUND.value()) {
                                            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                                        }
                                        exchange.getResponse().setStatusCode(result.pageStatus());
                                        Form refused = form.rejectedBy(result, apiFields(step))
                                                .withNewKey();
                                        return page(model, actor, step, view, refused);
                                    });
                        })));
    }

    private Mono<String> page(Model model, Actor actor, ReferralAction action, ReferralView view, Form form) {
        return choices(actor, action, view).map(choices -> {
            model.addAttribute("choices", choices);
            return render(model, actor, action, view, form);
        });
    }

    /**
     * What the step's form offers to choose from: for redirecting, the partnership's other agencies taking this kind
     * of referral, less the one that declined it; for assigning, the agency's people who may work it.
     */
    private Mono<List<?>> choices(Actor actor, ReferralAction action, ReferralView view) {
        return switch (action) {
            case REDIRECT ->
                agencies.others(actor)
                        .<List<?>>map(others -> ReferralQuestions.receivers(
                                others.stream()
                                        .filter(agency -> !agency.agencyId().equals(view.receivingAgencyId()))
                                        .toList(),
                                view.type()));
            case ASSIGN ->
                colleagues.of(actor, ReferralAction.workingRoles(view.type())).<List<?>>map(people -> people);
            default -> Mono.just(List.of());
        };
    }

    private static String render(Model model, Actor actor, ReferralAction action, ReferralView view, Form form) {
        model.addAttribute("action", action);
        model.addAttribute("view", view);
        model.addAttribute("form", form);
        model.addAttribute("vocabularies", ReferralAction.VOCABULARIES);
        model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + action.title());
        model.addAttribute("nav", actor.agencyId().equals(view.referringAgencyId()) ? "outbox" : "inbox");
        return "referral/action";
    }

    /** A new form for the step; assigning suggests whoever works the referral now. */
    private static Form emptyForm(ReferralAction step, ReferralView view) {
        Form form = Form.empty(step.path());
        return step == ReferralAction.ASSIGN && view.assignee() != null
                ? form.suggesting("assignee", view.assignee().value())
                : form;
    }

    /** The summary row as the actor may see it (no personal data is opened), else the 404 page. */
    private Mono<ReferralView> visible(Actor actor, ReferralId id) {
        return reads.read(actor, read -> summaries.findVisible(read, id))
                .flatMap(found -> found.isPresent()
                        ? Mono.just(found.get().view())
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    /**
     * Waits, briefly, until the read model has moved past the version the step was taken on, so the page the browser
     * is sent to shows the step done. The command side has stored it either way: after the wait the browser goes on.
     */
    private Mono<Void> caughtUp(Actor actor, ReferralId id, long version) {
        return ReadModelCatchUp.until(() -> reads.read(
                actor,
                read -> summaries
                                .findVisible(read, id)
                                .map(stored -> stored.view().version())
                                .orElse(Long.MAX_VALUE)
                        > version));
    }

    /** The version the form was shown at (its hidden field), which the command side holds the step to. */
    static long versionShown(Form form, ReferralView view) {
        try {
            return Long.parseLong(form.value("version"));
        } catch (NumberFormatException e) {
            return view.version();
        }
    }

    /** The command API's body for the step, or null when the form has problems (then they are on the form). */
    static Object body(ReferralAction action, ReferralType type, Form form) {
        Map<String, Object> body = new LinkedHashMap<>();
        int max = ReferralParticulars.MAX_TEXT;
        switch (action) {
            case ACCEPT, CLOSE, LADO -> {}
            case REDIRECT -> {
                String agency = form.value("receivingAgencyId");
                if (!agency.matches("[a-z0-9-]{1,63}")) {
                    form.reject("receivingAgencyId", "Select the agency to redirect the referral to");
                }
                body.put("receivingAgencyId", agency);
            }
            case ASSIGN -> {
                String assignee = form.value("assignee");
                if (assignee.isEmpty() || assignee.length() > 64) {
                    form.reject("assignee", "Select who is to work the referral");
                }
                body.put("assignee", assignee);
            }
            case REFER_ON -> throw new IllegalArgumentException("Referring on has pages of its own: ReferOnPages");
            case DECLINE -> {
                DeclineReason reason =
                        form.choice("reason", DeclineReason.class, true, "Select why you are declining the referral");
                String explanation = form.text(
                        "explanation",
                        reason == DeclineReason.OTHER,
                        max,
                        "Explain why you are declining the referral",
                        "Explanation");
                body.put("reason", reason);
                body.put("explanation", explanation);
            }
            case RETURN ->
                body.put(
                        "question",
                        form.text("question", true, max, "Enter your question for the referrer", "Question"));
            case ANSWER -> body.put("answer", form.text("answer", true, max, "Enter your answer", "Answer"));
            case WITHDRAW ->
                body.put(
                        "reason",
                        form.text("reason", true, max, "Enter why you are withdrawing the referral", "Reason"));
            case PROGRESS -> {
                boolean moveOn = type == ReferralType.REFUGEE_POST_GRANT;
                List<MoveOnNeed> needsMet = moveOn
                        ? form.choices("needsMet", MoveOnNeed.class, false, "Select the needs that are met")
                        : List.of();
                String note =
                        form.text("note", !moveOn || needsMet.isEmpty(), max, "Describe the progress", "Progress note");
                body.put("note", note);
                if (moveOn) {
                    body.put("needsMet", needsMet);
                }
            }
            case OUTCOME -> {
                body.put("outcome", outcome(type, form));
                body.put("note", form.text("note", false, max, "", "Note"));
            }
        }
        return form.hasErrors() ? null : body;
    }

    private static Map<String, Object> outcome(ReferralType type, Form form) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("kind", type.name());
        String whatBecame = "Select what became of the referral";
        switch (type) {
            case ESOL_PLACEMENT -> {
                EsolOutcomeKind result = form.choice("result", EsolOutcomeKind.class, true, whatBecame);
                boolean needsLevel = result == EsolOutcomeKind.ASSESSED || result == EsolOutcomeKind.PLACED_ON_COURSE;
                EsolLevel level =
                        form.choice("level", EsolLevel.class, needsLevel, "Select the level assessed or of the course");
                Optional<LocalDate> start = form.date(
                        "courseStart",
                        result == EsolOutcomeKind.PLACED_ON_COURSE,
                        "Enter the date the course starts",
                        "Course start date");
                outcome.put("result", result);
                outcome.put("level", level);
                outcome.put("courseStart", start.map(LocalDate::toString).orElse(null));
            }
            case EMPLOYMENT_SUPPORT -> {
                EmploymentOutcomeKind result = form.choice("result", EmploymentOutcomeKind.class, true, whatBecame);
                outcome.put("result", result);
                outcome.put("hoursPerWeek", hoursPerWeek(form, result == EmploymentOutcomeKind.JOB_START));
            }
            case REFUGEE_POST_GRANT -> {
                outcome.put("result", form.choice("result", MoveOnOutcomeKind.class, true, whatBecame));
                outcome.put("needsMet", form.choices("needsMet", MoveOnNeed.class, false, "Select the needs met"));
            }
            case OUT_OF_SCHOOL_SETTINGS_CONCERN ->
                outcome.put(
                        "actions",
                        form.choices("actions", SafeguardingAction.class, true, "Select at least one action taken"));
        }
        return outcome;
    }

    private static Integer hoursPerWeek(Form form, boolean required) {
        String hours = form.value("hoursPerWeek");
        if (hours.isEmpty()) {
            if (required) {
                form.reject("hoursPerWeek", "Enter the hours per week of the job");
            }
            return null;
        }
        try {
            int value = Integer.parseInt(hours);
            if (value >= 1 && value <= 80) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same message as a number out of range.
        }
        form.reject("hoursPerWeek", "Hours per week must be a whole number from 1 to 80");
        return null;
    }

    /** The API's names for the step's fields ({@code outcome.level} as well as {@code level}) to the form's. */
    private static Map<String, String> apiFields(ReferralAction action) {
        Map<String, String> fields = new HashMap<>();
        for (String field : action.fields()) {
            fields.put(field, field);
            fields.put("outcome." + field, field);
        }
        return fields;
    }

    private static ReferralAction actionOf(String path) {
        return ReferralAction.of(path).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The referral's id from the address; the 404 page for anything else. */
    static ReferralId idOf(String referralId) {
        try {
            return ReferralId.parse(referralId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
