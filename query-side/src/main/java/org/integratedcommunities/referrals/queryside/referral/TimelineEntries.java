package org.integratedcommunities.referrals.queryside.referral;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;
import org.integratedcommunities.referrals.kernel.referral.AcknowledgementOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.InformationProvidedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoInformedEvent;
import org.integratedcommunities.referrals.kernel.referral.LadoNotificationOverdueEvent;
import org.integratedcommunities.referrals.kernel.referral.MoveOnPeriodEndingEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAcceptedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralAssignedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralClosedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralDeclinedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcomeRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralProgressRecordedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRaisedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralRedirectedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReferredOnEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralReturnedForInformationEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralSuspendedEvent;
import org.integratedcommunities.referrals.kernel.referral.ReferralWithdrawnEvent;

/**
 * What each referral event puts on the referral's timeline: its type, a short categorical summary, its categorical
 * details, and the name of the personal data it carries sealed (opened only when the detail is read, from the event
 * store). Nothing here reads a sealed value: only whether there is one.
 */
public final class TimelineEntries {

    /** The sealed part of {@link ReferralRaisedEvent}: opened as the detail's particulars, not on the timeline. */
    static final String PARTICULARS = "particulars";

    static final String QUESTION = "question";
    static final String ANSWER = "answer";
    static final String EXPLANATION = "explanation";
    static final String REASON = "reason";
    static final String NOTE = "note";

    /**
     * @param byPlatform whether the platform did it by itself (a deadline fired): then no user acted, whatever the
     *     event's metadata carries over from the command that set the deadline
     * @param sealedPart the name of the personal data the event carries, if any
     */
    record Entry(
            ReferralId referralId,
            TimelineEntryType type,
            String summary,
            Map<String, Object> details,
            String sealedPart,
            boolean byPlatform) {}

    private TimelineEntries() {}

    /** What a referral event did, in plain words (the timeline's summary); empty for any other event. */
    public static Optional<String> summaryOf(Object event) {
        return of(event).map(Entry::summary);
    }

    /** The entry of a referral event; empty for any other event. */
    static Optional<Entry> of(Object event) {
        if (event instanceof ReferralRaisedEvent e) {
            Map<String, Object> details = details(
                    "type", e.type(),
                    "referringAgencyId", e.referringAgencyId(),
                    "receivingAgencyId", e.receivingAgencyId(),
                    "lawfulBasis", e.lawfulBasis(),
                    "madeOn", e.madeOn(),
                    "acknowledgeBy", e.acknowledgeBy(),
                    "parentReferralId", e.parentReferralId());
            String summary = "Raised: " + e.type() + " from " + e.referringAgencyId() + " to " + e.receivingAgencyId()
                    + (e.madeOn() == null ? "" : ", made on " + e.madeOn())
                    + (e.parentReferralId() == null ? "" : ", referred on from " + e.parentReferralId());
            return entry(e.referralId(), TimelineEntryType.RAISED, summary, details, PARTICULARS, e.particulars());
        }
        if (event instanceof ReferralAcceptedEvent e) {
            return entry(e.referralId(), TimelineEntryType.ACCEPTED, "Accepted", details("assignee", e.assignee()));
        }
        if (event instanceof ReferralAssignedEvent e) {
            return entry(e.referralId(), TimelineEntryType.ASSIGNED, "Assigned", details("assignee", e.assignee()));
        }
        if (event instanceof ReferralDeclinedEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.DECLINED,
                    "Declined: " + e.reason(),
                    details("reason", e.reason()),
                    EXPLANATION,
                    e.explanation());
        }
        if (event instanceof ReferralReturnedForInformationEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.RETURNED_FOR_INFORMATION,
                    "Returned for information",
                    details(),
                    QUESTION,
                    e.question());
        }
        if (event instanceof InformationProvidedEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.INFORMATION_PROVIDED,
                    "Information provided: back in the inbox",
                    details("acknowledgeBy", e.acknowledgeBy()),
                    ANSWER,
                    e.answer());
        }
        if (event instanceof ReferralRedirectedEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.REDIRECTED,
                    "Redirected from " + e.previousReceivingAgencyId() + " to " + e.receivingAgencyId(),
                    details(
                            "previousReceivingAgencyId", e.previousReceivingAgencyId(),
                            "receivingAgencyId", e.receivingAgencyId(),
                            "acknowledgeBy", e.acknowledgeBy()));
        }
        if (event instanceof ReferralWithdrawnEvent e) {
            return entry(e.referralId(), TimelineEntryType.WITHDRAWN, "Withdrawn", details(), REASON, e.reason());
        }
        if (event instanceof ReferralProgressRecordedEvent e) {
            String summary =
                    e.needsMet().isEmpty() ? "Progress recorded" : "Progress recorded: met " + list(e.needsMet());
            return entry(
                    e.referralId(),
                    TimelineEntryType.PROGRESS_RECORDED,
                    summary,
                    details("needsMet", e.needsMet()),
                    NOTE,
                    e.note());
        }
        if (event instanceof ReferralOutcomeRecordedEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.OUTCOME_RECORDED,
                    "Outcome: " + describe(e.outcome()),
                    details("outcome", e.outcome()),
                    NOTE,
                    e.note());
        }
        if (event instanceof ReferralClosedEvent e) {
            return entry(e.referralId(), TimelineEntryType.CLOSED, "Closed", details());
        }
        if (event instanceof ReferralReferredOnEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.REFERRED_ON,
                    "Referred on to " + e.receivingAgencyId(),
                    details("onwardReferralId", e.onwardReferralId(), "receivingAgencyId", e.receivingAgencyId()));
        }
        if (event instanceof LadoInformedEvent e) {
            return entry(e.referralId(), TimelineEntryType.LADO_INFORMED, "LADO informed", details());
        }
        if (event instanceof ReferralSuspendedEvent e) {
            return entry(
                    e.referralId(),
                    TimelineEntryType.SUSPENDED,
                    "Suspended: " + e.reason(),
                    details("reason", e.reason()));
        }
        if (event instanceof AcknowledgementOverdueEvent e) {
            return platform(
                    e.referralId(),
                    TimelineEntryType.ACKNOWLEDGEMENT_OVERDUE,
                    "Not acknowledged by " + e.acknowledgeBy() + ": escalated",
                    details("receivingAgencyId", e.receivingAgencyId(), "acknowledgeBy", e.acknowledgeBy()));
        }
        if (event instanceof MoveOnPeriodEndingEvent e) {
            return platform(
                    e.referralId(),
                    TimelineEntryType.MOVE_ON_PERIOD_ENDING,
                    "Move-on period ends on " + e.moveOnEndsOn() + " with needs open: " + list(e.openNeeds())
                            + ": escalated",
                    details("moveOnEndsOn", e.moveOnEndsOn(), "openNeeds", e.openNeeds()));
        }
        if (event instanceof LadoNotificationOverdueEvent e) {
            return platform(
                    e.referralId(),
                    TimelineEntryType.LADO_NOTIFICATION_OVERDUE,
                    "LADO not told by " + e.dueAt() + ": escalated",
                    details("dueAt", e.dueAt()));
        }
        return Optional.empty();
    }

    /** An outcome in words of its vocabulary only. */
    static String describe(ReferralOutcome outcome) {
        if (outcome instanceof ReferralOutcome.RefugeePostGrant refugee) {
            return refugee.result() + (refugee.needsMet().isEmpty() ? "" : ", met " + list(refugee.needsMet()));
        }
        if (outcome instanceof ReferralOutcome.EmploymentSupport employment) {
            return employment.result()
                    + (employment.hoursPerWeek() == null ? "" : ", " + employment.hoursPerWeek() + " hours a week");
        }
        if (outcome instanceof ReferralOutcome.EsolPlacement esol) {
            return esol.result()
                    + (esol.level() == null ? "" : ", " + esol.level())
                    + (esol.courseStart() == null ? "" : ", course starts " + esol.courseStart());
        }
        if (outcome instanceof ReferralOutcome.OutOfSchoolSettingsConcern concern) {
            return list(concern.actions());
        }
        return String.valueOf(outcome);
    }

    private static Optional<Entry> entry(
            ReferralId referralId,
            TimelineEntryType type,
            String summary,
            Map<String, Object> details,
            String part,
            Sealed sealed) {
        return Optional.of(new Entry(referralId, type, summary, details, sealed == null ? null : part, false));
    }

    private static Optional<Entry> entry(
            ReferralId referralId, TimelineEntryType type, String summary, Map<String, Object> details) {
        return Optional.of(new Entry(referralId, type, summary, details, null, false));
    }

    private static Optional<Entry> platform(
            ReferralId referralId, TimelineEntryType type, String summary, Map<String, Object> details) {
        return Optional.of(new Entry(referralId, type, summary, details, null, true));
    }

    /** Name-value pairs, in order, leaving out nulls. */
    private static Map<String, Object> details(Object... namesAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                details.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return details;
    }

    private static String list(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    }
}
