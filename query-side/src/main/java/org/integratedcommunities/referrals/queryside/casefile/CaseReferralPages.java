package org.integratedcommunities.referrals.queryside.casefile;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.EmploymentBarrier;
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.directory.PartnershipAgencies;
import org.integratedcommunities.referrals.queryside.referral.CaseReferrals;
import org.integratedcommunities.referrals.queryside.ui.CommandSide;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.integratedcommunities.referrals.queryside.ui.Pages;
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
    private static final int CATCH_UP_POLLS = 50;
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(100);
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
                    Form choice =
                            Form.submitted("referral", exchange.getRequest().getQueryParams());
                    ReferralType chosen = type == null
                            ? null
                            : choice.choice("type", ReferralType.class, true, "Select the kind of referral");
                    if (chosen == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN) {
                        choice.reject("type", "Select the kind of referral");
                        chosen = null;
                    }
                    if (chosen == null) {
                        if (choice.hasErrors()) {
                            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        }
                        model.addAttribute("nav", "cases");
                        model.addAttribute("caseFile", view);
                        model.addAttribute("form", type == null ? Form.empty("referral") : choice);
                        model.addAttribute("types", CaseFormPages.PURPOSES);
                        model.addAttribute(
                                "title", (choice.hasErrors() ? "Error: " : "") + "What kind of referral is it?");
                        return Mono.just("casefile/referral-type");
                    }
                    // Move-on support lasts 28 days from the grant unless a pilot says otherwise.
                    Form questions = Form.empty("referral").suggesting("moveOnPeriodDays", "28");
                    return questions(model, actor, view, chosen, questions);
                }));
    }

    @PostMapping("/cases/{caseId}/referrals/new")
    Mono<String> raise(@PathVariable String caseId, ServerWebExchange exchange, Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id)
                        .flatMap(view -> exchange.getFormData().flatMap(posted -> {
                            Form form = Form.submitted("referral", posted);
                            ReferralType type =
                                    form.choice("type", ReferralType.class, true, "Select the kind of referral");
                            if (type == null || type == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN) {
                                return Mono.<String>error(new ResponseStatusException(HttpStatus.BAD_REQUEST));
                            }
                            Map<String, Object> body = body(type, id, form);
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
                                        exchange.getResponse()
                                                .setStatusCode(
                                                        result.status() == 0
                                                                ? HttpStatus.SERVICE_UNAVAILABLE
                                                                : HttpStatus.valueOf(result.status()));
                                        return questions(
                                                model,
                                                actor,
                                                view,
                                                type,
                                                form.rejectedBy(result, apiFields())
                                                        .withNewKey());
                                    });
                        })));
    }

    private Mono<String> questions(Model model, Actor actor, CaseView view, ReferralType type, Form form) {
        return agencies.others(actor).map(others -> {
            List<PartnershipAgencies.Agency> offering = others.stream()
                    .filter(agency -> agency.services().contains(type))
                    .toList();
            model.addAttribute("nav", "cases");
            model.addAttribute("caseFile", view);
            model.addAttribute("form", form);
            model.addAttribute("type", type);
            model.addAttribute("agencies", offering.isEmpty() ? others : offering);
            model.addAttribute("vocabularies", VOCABULARIES);
            model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + "Raise a referral");
            return "casefile/referral";
        });
    }

    /** The vocabularies the questions offer, by name, for the template. */
    private static final Map<String, List<? extends Enum<?>>> VOCABULARIES = Map.of(
            "EsolLevel", List.of(EsolLevel.values()),
            "EsolMode", List.of(EsolMode.values()),
            "EmploymentBarrier", List.of(EmploymentBarrier.values()),
            "EmploymentProgramme", List.of(EmploymentProgramme.values()),
            "MoveOnNeed", List.of(MoveOnNeed.values()),
            "YesNo", List.of(Form.YesNo.values()));

    /** The command API's body for raising the referral, or null when the form has problems. */
    static Map<String, Object> body(ReferralType type, CaseId caseId, Form form) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, Object> particulars = new LinkedHashMap<>();
        facts.put("kind", type.name());
        particulars.put("kind", type.name());
        String receiving = form.value("receivingAgencyId");
        if (!receiving.matches("[a-z0-9-]{1,63}")) {
            form.reject("receivingAgencyId", "Select the agency you are referring to");
        }
        switch (type) {
            case ESOL_PLACEMENT -> {
                facts.put("estimatedLevel", form.choice("estimatedLevel", EsolLevel.class, false, "Select a level"));
                facts.put(
                        "preferredModes",
                        form.choices("preferredModes", EsolMode.class, true, "Select at least one way of learning"));
                facts.put("childcareNeeded", yes(form, "childcareNeeded", "Select yes if childcare is needed"));
                facts.put(
                        "mandatedByWorkCoach",
                        yes(form, "mandatedByWorkCoach", "Select yes if a work coach mandated it"));
                particulars.put("availability", form.text("availability", false, SHORT, "", "Availability"));
            }
            case EMPLOYMENT_SUPPORT -> {
                facts.put("barriers", form.choices("barriers", EmploymentBarrier.class, false, "Select barriers"));
                facts.put(
                        "programmes",
                        form.choices("programmes", EmploymentProgramme.class, true, "Select at least one programme"));
                particulars.put(
                        "employmentGoal",
                        form.text(
                                "employmentGoal",
                                true,
                                SHORT,
                                "Enter the person's employment goal",
                                "Employment goal"));
            }
            case REFUGEE_POST_GRANT -> {
                Optional<LocalDate> granted =
                        form.date("grantDate", true, "Enter the date refugee status was granted", "Date of grant");
                if (granted.isPresent() && granted.get().isAfter(LocalDate.now(UK))) {
                    form.reject("grantDate", "Date of grant must be today or in the past");
                }
                facts.put("grantDate", granted.map(LocalDate::toString).orElse(null));
                facts.put("moveOnPeriodDays", moveOnPeriod(form));
                facts.put("needs", form.choices("needs", MoveOnNeed.class, true, "Select at least one need"));
            }
            case OUT_OF_SCHOOL_SETTINGS_CONCERN -> throw new IllegalArgumentException("A concern has no case");
        }
        particulars.put("notes", form.text("notes", false, LONG, "", "Notes"));
        if (form.hasErrors()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.name());
        body.put("caseId", caseId.toString());
        body.put("receivingAgencyId", receiving);
        body.put("facts", facts);
        body.put("particulars", particulars);
        return body;
    }

    private static boolean yes(Form form, String field, String whenMissing) {
        return form.choice(field, Form.YesNo.class, true, whenMissing) == Form.YesNo.YES;
    }

    private static Integer moveOnPeriod(Form form) {
        String days = form.value("moveOnPeriodDays");
        try {
            int value = Integer.parseInt(days);
            if (value >= 1 && value <= 120) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the same message as a number out of range.
        }
        form.reject("moveOnPeriodDays", "Move-on period must be a whole number of days from 1 to 120");
        return null;
    }

    /** The API's names for the fields ({@code facts.preferredModes}) to the form's. */
    private static Map<String, String> apiFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("receivingAgencyId", "receivingAgencyId");
        fields.put("caseId", "receivingAgencyId");
        for (String field : List.of(
                "estimatedLevel",
                "preferredModes",
                "childcareNeeded",
                "mandatedByWorkCoach",
                "barriers",
                "programmes",
                "grantDate",
                "moveOnPeriodDays",
                "needs")) {
            fields.put("facts." + field, field);
        }
        for (String field : List.of("availability", "employmentGoal", "notes")) {
            fields.put("particulars." + field, field);
        }
        return fields;
    }

    private Mono<CaseView> visible(Actor actor, CaseId id) {
        return reads.read(actor, read -> cases.findVisible(read, id))
                .flatMap(found -> found.isPresent()
                        ? Mono.just(found.get().view())
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    /** Waits, briefly, until the read model lists the new referral under the case. */
    private Mono<Void> caughtUp(Actor actor, CaseId caseId, ReferralId raised) {
        return Mono.defer(() -> reads.read(
                        actor,
                        read -> caseReferrals.of(read, caseId, 200).items().stream()
                                .anyMatch(referral -> referral.referralId().equals(raised))))
                .filter(Boolean::booleanValue)
                .repeatWhenEmpty(CATCH_UP_POLLS, polls -> polls.delayElements(CATCH_UP_POLL))
                .onErrorResume(IllegalStateException.class, stillBehind -> Mono.empty())
                .then();
    }

    private static CaseId idOf(String caseId) {
        try {
            return CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
