package org.integratedcommunities.referrals.queryside.referral;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SettingSize;
import org.integratedcommunities.referrals.kernel.referral.SettingType;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reporting a concern about an out-of-school setting, started from the outbox: it is about a setting, not a person,
 * so it has no case. The form is checked here for what it must hold; the safeguarding rules themselves (999 first for
 * a child in immediate danger, an anonymous reporter leaves no name) are the command side's, and its refusal lands on
 * the field concerned.
 */
@Pages
@Controller
class ConcernPages {

    private static final int SHORT = ReferralParticulars.MAX_SHORT_TEXT;

    private static final Map<String, List<? extends Enum<?>>> VOCABULARIES = Map.of(
            "SettingType", List.of(SettingType.values()),
            "SettingSize", List.of(SettingSize.values()),
            "ConcernCategory", List.of(ConcernCategory.values()),
            "YesNo", List.of(Form.YesNo.values()));

    private static final Map<String, String> API_FIELDS = apiFields();

    private final ReferralSummaryRepository summaries;
    private final ReadModelReads reads;
    private final CommandSide commandSide;
    private final PartnershipAgencies agencies;

    ConcernPages(
            ReferralSummaryRepository summaries,
            ReadModelReads reads,
            CommandSide commandSide,
            PartnershipAgencies agencies) {
        this.summaries = summaries;
        this.reads = reads;
        this.commandSide = commandSide;
        this.agencies = agencies;
    }

    @GetMapping("/referrals/new-concern")
    Mono<String> form(Model model) {
        return CurrentActor.get().flatMap(actor -> page(model, actor, Form.empty("concern")));
    }

    @PostMapping("/referrals/new-concern")
    Mono<String> report(ServerWebExchange exchange, Model model) {
        return CurrentActor.get()
                .flatMap(actor -> exchange.getFormData().flatMap(posted -> {
                    Form form = Form.submitted("concern", posted);
                    Map<String, Object> body = body(form);
                    if (form.hasErrors()) {
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return page(model, actor, form);
                    }
                    return commandSide
                            .post("/api/referrals", body, form.idempotencyKey(), null)
                            .flatMap(result -> {
                                if (result.succeeded()) {
                                    ReferralId raised = ReferralId.parse(
                                            result.body().path("referralId").asText());
                                    return caughtUp(actor, raised)
                                            .thenReturn("redirect:/referrals/" + raised + "?done=raised");
                                }
                                exchange.getResponse()
                                        .setStatusCode(
                                                result.status() == 0
                                                        ? HttpStatus.SERVICE_UNAVAILABLE
                                                        : HttpStatus.valueOf(result.status()));
                                return page(
                                        model,
                                        actor,
                                        form.rejectedBy(result, API_FIELDS).withNewKey());
                            });
                }));
    }

    private Mono<String> page(Model model, Actor actor, Form form) {
        return agencies.others(actor).map(others -> {
            List<PartnershipAgencies.Agency> offering = others.stream()
                    .filter(agency -> agency.services().contains(ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN))
                    .toList();
            model.addAttribute("nav", "outbox");
            model.addAttribute("form", form);
            model.addAttribute("agencies", offering.isEmpty() ? others : offering);
            model.addAttribute("vocabularies", VOCABULARIES);
            model.addAttribute(
                    "title", (form.hasErrors() ? "Error: " : "") + "Report a concern about an out-of-school setting");
            return "referral/concern";
        });
    }

    /** The command API's body for raising the concern, or null when the form has problems. */
    static Map<String, Object> body(Form form) {
        String receiving = form.value("receivingAgencyId");
        if (!receiving.matches("[a-z0-9-]{1,63}")) {
            form.reject("receivingAgencyId", "Select the agency you are reporting to");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("kind", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name());
        facts.put("settingType", form.choice("settingType", SettingType.class, true, "Select the kind of setting"));
        facts.put("settingSize", form.choice("settingSize", SettingSize.class, true, "Select the size of the setting"));
        facts.put(
                "categories",
                form.choices("categories", ConcernCategory.class, true, "Select at least one kind of concern"));
        facts.put(
                "childInImmediateDanger",
                yes(form, "childInImmediateDanger", "Select yes if a child is in immediate danger"));
        facts.put("emergencyServicesCalled", yes(form, "emergencyServicesCalled", "Select yes if 999 was called"));
        facts.put(
                "allegationAgainstStaffOrVolunteer",
                yes(
                        form,
                        "allegationAgainstStaffOrVolunteer",
                        "Select yes if it is an allegation against a member of staff or a volunteer"));
        facts.put("reporterAnonymous", yes(form, "reporterAnonymous", "Select yes if the reporter stays anonymous"));
        Map<String, Object> particulars = new LinkedHashMap<>();
        particulars.put("kind", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name());
        particulars.put(
                "settingName", form.text("settingName", true, SHORT, "Enter the setting's name", "Setting's name"));
        particulars.put("settingAddress", form.text("settingAddress", false, SHORT, "", "Setting's address"));
        particulars.put(
                "description",
                form.text("description", true, ReferralParticulars.MAX_TEXT, "Describe the concern", "Description"));
        particulars.put("reporterName", form.text("reporterName", false, SHORT, "", "Reporter's name"));
        particulars.put("reporterContact", form.text("reporterContact", false, SHORT, "", "Reporter's contact"));
        if (form.hasErrors()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN.name());
        body.put("receivingAgencyId", receiving);
        body.put("facts", facts);
        body.put("particulars", particulars);
        return body;
    }

    private static boolean yes(Form form, String field, String whenMissing) {
        return form.choice(field, Form.YesNo.class, true, whenMissing) == Form.YesNo.YES;
    }

    private static Map<String, String> apiFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("receivingAgencyId", "receivingAgencyId");
        for (String field : List.of(
                "settingType",
                "settingSize",
                "categories",
                "childInImmediateDanger",
                "emergencyServicesCalled",
                "allegationAgainstStaffOrVolunteer",
                "reporterAnonymous")) {
            fields.put("facts." + field, field);
        }
        for (String field :
                List.of("settingName", "settingAddress", "description", "reporterName", "reporterContact")) {
            fields.put("particulars." + field, field);
        }
        return fields;
    }

    /** Waits, briefly, until the referrer's read model has the new referral. */
    private Mono<Void> caughtUp(Actor actor, ReferralId raised) {
        return ReadModelCatchUp.until(() ->
                reads.read(actor, read -> summaries.findVisible(read, raised).isPresent()));
    }
}
