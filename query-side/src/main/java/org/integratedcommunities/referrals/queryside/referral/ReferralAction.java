package org.integratedcommunities.referrals.queryside.referral;

import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.ACCEPTED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.CLOSED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.DECLINED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.IN_PROGRESS;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.OUTCOME_RECORDED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.RAISED;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.RETURNED_FOR_INFORMATION;
import static org.integratedcommunities.referrals.kernel.referral.ReferralStatus.SUSPENDED;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.Actor;
import org.integratedcommunities.referrals.kernel.identity.Role;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.MoveOnOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;

/**
 * A step of a referral's lifecycle the web UI offers as a form, with the command API's step it posts to and the form's
 * fields (the API's names for them: a problem the command side reports on {@code outcome.level} lands on
 * {@code level}).
 *
 * <p>{@link #available} mirrors the command side's rules (who may take a step, from which status) only to decide
 * which forms to show; the command side still decides, and a refusal is shown on the form.
 */
public enum ReferralAction {
    ACCEPT("accept", "acceptance", "Accept the referral", "Accept referral", "You accepted the referral"),
    DECLINE(
            "decline",
            "decline",
            "Decline the referral",
            "Decline referral",
            "You declined the referral",
            "reason",
            "explanation"),
    RETURN(
            "return",
            "information-request",
            "Return it for information",
            "Return for information",
            "You returned the referral for information",
            "question"),
    ANSWER(
            "answer",
            "information-response",
            "Answer the question",
            "Send answer",
            "You answered the question: the referral is back in the receiving agency's inbox",
            "answer"),
    WITHDRAW(
            "withdraw",
            "withdrawal",
            "Withdraw the referral",
            "Withdraw referral",
            "You withdrew the referral",
            "reason"),
    PROGRESS("progress", "progress", "Record progress", "Record progress", "You recorded progress", "note", "needsMet"),
    OUTCOME(
            "outcome",
            "outcome",
            "Record the outcome",
            "Record outcome",
            "You recorded the outcome",
            "result",
            "level",
            "courseStart",
            "hoursPerWeek",
            "needsMet",
            "actions",
            "note"),
    CLOSE("close", "closure", "Close the referral", "Close referral", "You closed the referral"),
    REDIRECT(
            "redirect",
            "redirection",
            "Redirect it to another agency",
            "Redirect referral",
            "You redirected the referral: it is in the new agency's inbox",
            "receivingAgencyId"),
    ASSIGN(
            "assign",
            "assignment",
            "Assign it to a colleague",
            "Assign referral",
            "You assigned the referral",
            "assignee"),
    LADO(
            "lado",
            "lado-notification",
            "Record that the LADO was told",
            "Record that the LADO was told",
            "You recorded that the LADO was told"),
    /** On its own pages ({@link ReferOnPages}): a new referral, linked to this one. */
    REFER_ON(
            "refer-on",
            "onward-referrals",
            "Refer the person on",
            "Refer on",
            "You referred the person on: this is the new referral",
            "receivingAgencyId");

    /** The closed vocabularies the forms offer, by name, for the templates (which may not reach static members). */
    public static final Map<String, List<Enum<?>>> VOCABULARIES = Map.of(
            "DeclineReason", List.of(DeclineReason.values()),
            "EsolOutcomeKind", List.of(EsolOutcomeKind.values()),
            "EsolLevel", List.of(EsolLevel.values()),
            "EmploymentOutcomeKind", List.of(EmploymentOutcomeKind.values()),
            "MoveOnOutcomeKind", List.of(MoveOnOutcomeKind.values()),
            "MoveOnNeed", List.of(MoveOnNeed.values()),
            "SafeguardingAction", List.of(SafeguardingAction.values()));

    private static final Set<Role> RECEIVING_ROLES =
            EnumSet.of(Role.AGENCY_WORKER, Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);

    private static final Set<Role> ASSIGNING_ROLES = EnumSet.of(Role.AGENCY_MANAGER, Role.SAFEGUARDING_LEAD);

    /** Steps with a choice to make from a list (agencies, colleagues) or several questions: a page of their own. */
    private static final Set<ReferralAction> OWN_PAGE = EnumSet.of(REDIRECT, ASSIGN, REFER_ON);

    /** Where the LADO may still be recorded as told (the command side's rule). */
    private static final Set<ReferralStatus> LADO_STATUSES =
            EnumSet.of(RAISED, ACCEPTED, IN_PROGRESS, RETURNED_FOR_INFORMATION);

    private final String path;
    private final String step;
    private final String title;
    private final String button;
    private final String done;
    private final List<String> fields;

    ReferralAction(String path, String step, String title, String button, String done, String... fields) {
        this.path = path;
        this.step = step;
        this.title = title;
        this.button = button;
        this.done = done;
        this.fields = List.of(fields);
    }

    /** The last part of the form's address: {@code /referrals/{id}/decline}; also the form's name. */
    public String path() {
        return path;
    }

    /** The command API's step: {@code POST /api/referrals/{id}/{step}}. */
    public String step() {
        return step;
    }

    public String title() {
        return title;
    }

    public String button() {
        return button;
    }

    /** The notification banner's words once it is done. */
    public String done() {
        return done;
    }

    public List<String> fields() {
        return fields;
    }

    /** Whether the referral's page links to this step's own page instead of showing its form. */
    public boolean ownPage() {
        return OWN_PAGE.contains(this);
    }

    public static Optional<ReferralAction> of(String path) {
        for (ReferralAction action : values()) {
            if (action.path.equals(path)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** Who in the receiving agency may work a referral of this kind. */
    public static Set<Role> workingRoles(ReferralType type) {
        return type == ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN
                ? EnumSet.of(Role.SAFEGUARDING_LEAD)
                : RECEIVING_ROLES;
    }

    /** The steps this actor's agency may take on the referral as it stands: receiving side first. */
    public static List<ReferralAction> available(Actor actor, ReferralView referral) {
        List<ReferralAction> actions = new ArrayList<>();
        ReferralStatus status = referral.status();
        Set<Role> receivingRoles = workingRoles(referral.type());
        if (actor.agencyId().equals(referral.receivingAgencyId()) && actor.hasAnyRole(receivingRoles)) {
            if (referral.lado() != null && referral.lado().informedAt() == null && LADO_STATUSES.contains(status)) {
                actions.add(LADO);
            }
            switch (status) {
                case RAISED -> actions.addAll(List.of(ACCEPT, RETURN, DECLINE));
                case ACCEPTED, IN_PROGRESS -> actions.addAll(List.of(PROGRESS, OUTCOME));
                case OUTCOME_RECORDED, SUSPENDED -> actions.add(CLOSE);
                default -> {}
            }
            if (EnumSet.of(ACCEPTED, IN_PROGRESS).contains(status) && actor.hasAnyRole(ASSIGNING_ROLES)) {
                actions.add(ASSIGN);
            }
            // Referring on raises a referral about the case's person: a concern about a setting has no case.
            if (EnumSet.of(OUTCOME_RECORDED, CLOSED).contains(status) && referral.caseId() != null) {
                actions.add(REFER_ON);
            }
        }
        if (actor.agencyId().equals(referral.referringAgencyId())) {
            if (status == RETURNED_FOR_INFORMATION) {
                actions.add(ANSWER);
            }
            if (status == DECLINED) {
                actions.add(REDIRECT);
            }
            if (EnumSet.of(OUTCOME_RECORDED, SUSPENDED, DECLINED).contains(status) && !actions.contains(CLOSE)) {
                actions.add(CLOSE);
            }
            if (EnumSet.of(RAISED, RETURNED_FOR_INFORMATION, ACCEPTED, IN_PROGRESS, SUSPENDED)
                    .contains(status)) {
                actions.add(WITHDRAW);
            }
        }
        return actions;
    }
}
