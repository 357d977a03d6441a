package org.integratedcommunities.referrals.queryside.referral;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.referral.EmploymentBarrier;
import org.integratedcommunities.referrals.kernel.referral.EmploymentProgramme;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolMode;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralParticulars;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.directory.PartnershipAgencies;
import org.integratedcommunities.referrals.queryside.ui.Form;
import org.springframework.ui.Model;

/**
 * The questions of a referral about a case's person, one set per kind (the template {@code casefile/referral} asks
 * them): read from a submitted form into the command API's body. Raising a referral from the case and referring the
 * person on from a referral's outcome ask the same questions.
 */
public final class ReferralQuestions {

    /** The kinds of referral about a case's person: an out-of-school-settings concern has no case. */
    public static final List<ReferralType> TYPES =
            List.of(ReferralType.ESOL_PLACEMENT, ReferralType.EMPLOYMENT_SUPPORT, ReferralType.REFUGEE_POST_GRANT);

    /** The API's names for the fields ({@code facts.preferredModes}) to the form's. */
    public static final Map<String, String> API_FIELDS = apiFields();

    /** The questions' form name: their fields' ids are {@code referral-...}. */
    public static final String FORM = "referral";

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final int SHORT = ReferralParticulars.MAX_SHORT_TEXT;
    private static final int LONG = ReferralParticulars.MAX_TEXT;

    private ReferralQuestions() {}

    /** A new form for a kind's questions: move-on support lasts 28 days from the grant unless a pilot says otherwise. */
    public static Form newQuestions() {
        return Form.empty(FORM).suggesting("moveOnPeriodDays", "28");
    }

    /**
     * The first question page, which kind of referral (a GET form to {@code formAction}), put into the model; its
     * template.
     */
    public static String kindPage(Model model, Form form, String formAction, String backLink, String backText) {
        model.addAttribute("form", form);
        model.addAttribute("types", TYPES);
        model.addAttribute("formAction", formAction);
        model.addAttribute("backLink", backLink);
        model.addAttribute("backText", backText);
        model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + "What kind of referral is it?");
        return "casefile/referral-type";
    }

    /**
     * The kind's own questions and the receiving agency, chosen from {@code agencies} (those taking the kind), posting
     * to {@code formAction}, put into the model; its template.
     */
    public static String questionsPage(
            Model model,
            Form form,
            ReferralType type,
            List<PartnershipAgencies.Agency> agencies,
            String formAction,
            String heading,
            String submit) {
        model.addAttribute("form", form);
        model.addAttribute("type", type);
        model.addAttribute("agencies", receivers(agencies, type));
        model.addAttribute("vocabularies", VOCABULARIES);
        model.addAttribute("formAction", formAction);
        model.addAttribute("heading", heading);
        model.addAttribute("submit", submit);
        model.addAttribute("title", (form.hasErrors() ? "Error: " : "") + heading);
        return "casefile/referral";
    }

    /** The kind of referral chosen on the form's {@code type}, one of {@link #TYPES}; null (and rejected) otherwise. */
    public static ReferralType type(Form form) {
        ReferralType chosen = form.choice("type", ReferralType.class, true, "Select the kind of referral");
        if (chosen != null && !TYPES.contains(chosen)) {
            form.reject("type", "Select the kind of referral");
            return null;
        }
        return chosen;
    }

    /** The agencies to offer as receiver: those taking this kind of referral, or all of them when none says it does. */
    public static List<PartnershipAgencies.Agency> receivers(
            List<PartnershipAgencies.Agency> agencies, ReferralType type) {
        List<PartnershipAgencies.Agency> offering = agencies.stream()
                .filter(agency -> agency.services().contains(type))
                .toList();
        return offering.isEmpty() ? agencies : offering;
    }

    /** The vocabularies the questions offer, by name, for the template. */
    public static final Map<String, List<? extends Enum<?>>> VOCABULARIES = Map.of(
            "EsolLevel", List.of(EsolLevel.values()),
            "EsolMode", List.of(EsolMode.values()),
            "EmploymentBarrier", List.of(EmploymentBarrier.values()),
            "EmploymentProgramme", List.of(EmploymentProgramme.values()),
            "MoveOnNeed", List.of(MoveOnNeed.values()),
            "YesNo", List.of(Form.YesNo.values()));

    /**
     * The command API's body for raising the referral ({@code POST /api/referrals}, and referring on from a referral
     * of the case), or null when the form has problems (then they are on the form).
     */
    public static Map<String, Object> body(ReferralType type, CaseId caseId, Form form) {
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
        return Map.copyOf(fields);
    }
}
