package org.integratedcommunities.referrals.queryside.casefile;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Opening a case and recording consent on it, as forms: checked here first (a form with problems comes back with a
 * GOV.UK error summary, as typed, and nothing is sent), then sent to the command side as the signed-in user with the
 * form's idempotency key (and, for consent, the case's version as {@code If-Match}); on success the browser goes to
 * the case (Post/Redirect/Get) once the read model has it. These pages open no personal data.
 */
@Pages
@Controller
class CaseFormPages {

    /** The statuses of a referral that withdrawing consent suspends, when it was made with consent (the command side's). */
    private static final Set<ReferralStatus> SUSPENDED_BY_WITHDRAWAL = EnumSet.of(
            ReferralStatus.RAISED,
            ReferralStatus.RETURNED_FOR_INFORMATION,
            ReferralStatus.ACCEPTED,
            ReferralStatus.IN_PROGRESS,
            ReferralStatus.OUTCOME_RECORDED);

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final CaseFileRepository cases;
    private final ReadModelReads reads;
    private final CommandSide commandSide;
    private final PartnershipAgencies agencies;
    private final CaseReferrals caseReferrals;

    CaseFormPages(
            CaseFileRepository cases,
            ReadModelReads reads,
            CommandSide commandSide,
            PartnershipAgencies agencies,
            CaseReferrals caseReferrals) {
        this.cases = cases;
        this.reads = reads;
        this.commandSide = commandSide;
        this.agencies = agencies;
        this.caseReferrals = caseReferrals;
    }

    @GetMapping("/cases/new")
    String openForm(Model model) {
        return openPage(model, Form.empty("case"));
    }

    @PostMapping("/cases/new")
    Mono<String> open(ServerWebExchange exchange, Model model) {
        return CurrentActor.get()
                .flatMap(actor -> exchange.getFormData().flatMap(posted -> {
                    Form form = Form.submitted("case", posted);
                    Map<String, Object> person = person(form);
                    if (form.hasErrors()) {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return Mono.just(openPage(model, form));
                    }
                    return commandSide
                            .post("/api/cases", Map.of("person", person), form.idempotencyKey(), null)
                            .flatMap(result -> {
                                if (result.succeeded()) {
                                    CaseId id = CaseId.parse(
                                            result.body().path("caseId").asText());
                                    return caughtUp(actor, id, -1).thenReturn("redirect:/cases/" + id + "?done=opened");
                                }
                                refused(exchange, result);
                                return Mono.just(openPage(
                                        model,
                                        form.rejectedBy(result, personFields()).withNewKey()));
                            });
                }));
    }

    @GetMapping("/cases/{caseId}/consent")
    Mono<String> consentForm(@PathVariable String caseId, Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor ->
                        visible(actor, id).flatMap(view -> consentPage(model, actor, view, Form.empty("consent"))));
    }

    @PostMapping("/cases/{caseId}/consent")
    Mono<String> recordConsent(@PathVariable String caseId, ServerWebExchange exchange, Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id)
                        .flatMap(view -> exchange.getFormData().flatMap(posted -> {
                            Form form = Form.submitted("consent", posted);
                            Map<String, Object> consent = consent(form);
                            if (form.hasErrors()) {
                                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                                return consentPage(model, actor, view, form);
                            }
                            long version = versionShown(form, view);
                            return commandSide
                                    .post(
                                            "/api/cases/" + id + "/lawful-bases",
                                            Map.of("basis", "CONSENT", "consent", consent),
                                            form.idempotencyKey(),
                                            version)
                                    .flatMap(result -> {
                                        if (result.succeeded()) {
                                            return caughtUp(actor, id, version)
                                                    .thenReturn("redirect:/cases/" + id + "?done=consent");
                                        }
                                        if (result.status() == HttpStatus.NOT_FOUND.value()) {
                                            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                                        }
                                        refused(exchange, result);
                                        return consentPage(
                                                model,
                                                actor,
                                                view,
                                                form.rejectedBy(result, consentFields())
                                                        .withNewKey());
                                    });
                        })));
    }

    @GetMapping("/cases/{caseId}/consent-withdrawal")
    Mono<String> withdrawalForm(@PathVariable String caseId, Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id)
                        .flatMap(view -> withdrawalPage(model, actor, view, Form.empty("withdrawal"))));
    }

    /** Withdraws the person's consent: the form is only a confirmation, so the command side's refusals are its errors. */
    @PostMapping("/cases/{caseId}/consent-withdrawal")
    Mono<String> withdrawConsent(@PathVariable String caseId, ServerWebExchange exchange, Model model) {
        CaseId id = idOf(caseId);
        return CurrentActor.get()
                .flatMap(actor -> visible(actor, id)
                        .flatMap(view -> exchange.getFormData().flatMap(posted -> {
                            Form form = Form.submitted("withdrawal", posted);
                            long version = versionShown(form, view);
                            return commandSide
                                    .post(
                                            "/api/cases/" + id + "/consent-withdrawal",
                                            Map.of(),
                                            form.idempotencyKey(),
                                            version)
                                    .flatMap(result -> {
                                        if (result.succeeded()) {
                                            return caughtUp(actor, id, version)
                                                    .thenReturn("redirect:/cases/" + id + "?done=consent-withdrawn");
                                        }
                                        if (result.status() == HttpStatus.NOT_FOUND.value()) {
                                            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
                                        }
                                        refused(exchange, result);
                                        return withdrawalPage(
                                                model,
                                                actor,
                                                view,
                                                form.rejectedBy(result, Map.of())
                                                        .withNewKey());
                                    });
                        })));
    }

    /**
     * The confirmation: what withdrawing does (open referrals that relied on consent are suspended and their receiving
     * agencies told), with the case's open referrals listed.
     */
    private Mono<String> withdrawalPage(Model model, Actor actor, CaseView view, Form form) {
        return reads.read(
                        actor,
                        read -> caseReferrals.of(read, view.caseId(), 200).items())
                .map(referrals -> {
                    model.addAttribute("nav", "cases");
                    model.addAttribute("form", form);
                    model.addAttribute("caseFile", view);
                    model.addAttribute(
                            "affected",
                            referrals.stream()
                                    .filter(referral -> SUSPENDED_BY_WITHDRAWAL.contains(referral.status()))
                                    .toList());
                    model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + "Withdraw consent");
                    return "casefile/consent-withdrawal";
                });
    }

    private static String openPage(Model model, Form form) {
        model.addAttribute("nav", "cases");
        model.addAttribute("form", form);
        model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + "Open a case");
        model.addAttribute("yesNo", List.of(Form.YesNo.values()));
        return "casefile/open";
    }

    private Mono<String> consentPage(Model model, Actor actor, CaseView view, Form form) {
        return agencies.others(actor).map(others -> {
            model.addAttribute("nav", "cases");
            model.addAttribute("form", form);
            model.addAttribute("caseFile", view);
            model.addAttribute("agencies", others);
            model.addAttribute("purposes", ReferralQuestions.TYPES);
            model.addAttribute("givenBy", List.of(ConsentGivenBy.values()));
            model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + "Record consent");
            return "casefile/consent";
        });
    }

    /** The person as the command API takes it, or null when the form has problems. */
    static Map<String, Object> person(Form form) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("fullName", form.text("fullName", true, 200, "Enter the person's full name", "Full name"));
        Optional<LocalDate> born = form.date("dateOfBirth", true, "Enter the person's date of birth", "Date of birth");
        if (born.isPresent() && !born.get().isBefore(LocalDate.now(UK))) {
            form.reject("dateOfBirth", "Date of birth must be in the past");
        }
        person.put("dateOfBirth", born.map(LocalDate::toString).orElse(null));
        person.put("phone", form.text("phone", false, 40, "", "Phone number"));
        String email = form.text("email", false, 200, "", "Email address");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            form.reject("email", "Enter an email address in the correct format, like name@example.com");
        }
        person.put("email", email);
        person.put(
                "preferredLanguage",
                form.text(
                        "preferredLanguage", true, 60, "Enter the person's preferred language", "Preferred language"));
        Form.YesNo interpreter = form.choice(
                "interpreterNeeded", Form.YesNo.class, true, "Select yes if the person needs an interpreter");
        person.put("interpreterNeeded", interpreter == Form.YesNo.YES);
        return form.hasErrors() ? null : person;
    }

    /** The consent as the command API takes it, or null when the form has problems. */
    static Map<String, Object> consent(Form form) {
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("givenBy", form.choice("givenBy", ConsentGivenBy.class, true, "Select who gave consent"));
        Optional<LocalDate> givenOn = form.date("givenOn", true, "Enter the date consent was given", "Date given");
        if (givenOn.isPresent() && givenOn.get().isAfter(LocalDate.now(UK))) {
            form.reject("givenOn", "Date given must be today or in the past");
        }
        consent.put("givenOn", givenOn.map(LocalDate::toString).orElse(null));
        List<ReferralType> purposes =
                form.choices("purposes", ReferralType.class, true, "Select the kinds of referral the person agreed to");
        if (purposes.contains(ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN)) {
            form.reject("purposes", "Select the kinds of referral the person agreed to");
        }
        consent.put("purposes", purposes);
        List<String> agencies = form.values("agencies").stream()
                .filter(agency -> agency.matches("[a-z0-9-]{1,63}"))
                .toList();
        if (agencies.size() != form.values("agencies").size()) {
            form.reject("agencies", "Select agencies from the list");
        }
        consent.put("agencies", agencies);
        return form.hasErrors() ? null : consent;
    }

    private static Map<String, String> personFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field :
                List.of("fullName", "dateOfBirth", "phone", "email", "preferredLanguage", "interpreterNeeded")) {
            fields.put("person." + field, field);
        }
        return fields;
    }

    private static Map<String, String> consentFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : List.of("givenBy", "givenOn", "purposes", "agencies")) {
            fields.put("consent." + field, field);
        }
        return fields;
    }

    private static void refused(ServerWebExchange exchange, CommandSide.Result result) {
        exchange.getResponse().setStatusCode(result.pageStatus());
    }

    private Mono<CaseView> visible(Actor actor, CaseId id) {
        return reads.read(actor, read -> cases.findVisible(read, id))
                .flatMap(found -> found.isPresent()
                        ? Mono.just(found.get().view())
                        : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    /** Waits, briefly, until the read model shows the case past {@code version} (-1: until it has the case at all). */
    private Mono<Void> caughtUp(Actor actor, CaseId id, long version) {
        return ReadModelCatchUp.until(() -> reads.read(
                actor,
                read -> cases.findVisible(read, id)
                                .map(stored -> stored.view().version())
                                .orElse(-1L)
                        > version));
    }

    private static long versionShown(Form form, CaseView view) {
        try {
            return Long.parseLong(form.value("version"));
        } catch (NumberFormatException e) {
            return view.version();
        }
    }

    private static CaseId idOf(String caseId) {
        try {
            return CaseId.parse(caseId);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
