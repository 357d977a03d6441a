package org.integratedcommunities.referrals.commandside.referral;

import java.time.Instant;

/**
 * The deadlines a referral sets itself. Payloads hold ids and times only, never personal data: they are stored in
 * PostgreSQL by the persistent deadline manager and survive restarts.
 */
final class ReferralDeadlines {

    static final String ACKNOWLEDGEMENT_DUE = "acknowledgement-due";
    static final String MOVE_ON_WARNING = "move-on-warning";
    static final String LADO_NOTIFICATION_DUE = "lado-notification-due";

    private ReferralDeadlines() {}

    /** @param acknowledgeBy which deadline this is, so one replaced by a later one is ignored when it fires */
    record AcknowledgementDue(Instant acknowledgeBy) {}

    record MoveOnWarning() {}

    record LadoNotificationDue(Instant dueAt) {}
}
