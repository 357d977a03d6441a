package org.integratedcommunities.referrals.queryside.referral;

/** What happened to a referral, one value per referral event. */
public enum TimelineEntryType {
    RAISED,
    ACCEPTED,
    ASSIGNED,
    DECLINED,
    RETURNED_FOR_INFORMATION,
    INFORMATION_PROVIDED,
    REDIRECTED,
    WITHDRAWN,
    PROGRESS_RECORDED,
    OUTCOME_RECORDED,
    CLOSED,
    REFERRED_ON,
    LADO_INFORMED,
    SUSPENDED,
    /** The platform: the acknowledgement SLA passed without acknowledgement, escalated. */
    ACKNOWLEDGEMENT_OVERDUE,
    /** The platform: the move-on period nears its end with needs open, escalated. */
    MOVE_ON_PERIOD_ENDING,
    /** The platform: the LADO was not told within a working day, escalated. */
    LADO_NOTIFICATION_OVERDUE
}
