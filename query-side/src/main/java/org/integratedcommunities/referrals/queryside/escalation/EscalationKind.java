package org.integratedcommunities.referrals.queryside.escalation;

/** What was escalated: one kind per escalation event of the referral's deadlines. */
public enum EscalationKind {
    /** The receiving agency did not acknowledge the referral within its SLA ({@code AcknowledgementOverdueEvent}). */
    ACKNOWLEDGEMENT_OVERDUE,
    /** A refugee's move-on period nears its end with needs still open ({@code MoveOnPeriodEndingEvent}). */
    MOVE_ON_PERIOD_ENDING,
    /** An allegation against staff or a volunteer did not reach the LADO in time ({@code LadoNotificationOverdueEvent}). */
    LADO_NOTIFICATION_OVERDUE
}
