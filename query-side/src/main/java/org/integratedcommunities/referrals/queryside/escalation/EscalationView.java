package org.integratedcommunities.referrals.queryside.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * One escalation as the partnership coordinator and the receiving agency's manager see it: ids, agencies,
 * vocabularies and times, never personal data.
 *
 * @param receivingAgencyId the agency it escalated against; a later redirect does not move it
 * @param dueAt what was due by then: the end of the acknowledgement SLA, the LADO notification's deadline, or the end
 *     of the move-on period (the start of {@code dueOn}, UK time)
 * @param dueOn move-on only: the day the move-on period ends; null otherwise
 * @param openNeeds move-on only: the needs still open when it escalated; null otherwise
 * @param open whether nothing has ended it yet
 * @param resolvedAt when it ended; null while open
 * @param resolution what ended it; null while open
 */
public record EscalationView(
        ReferralId referralId,
        EscalationKind kind,
        ReferralType referralType,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId,
        Instant escalatedAt,
        Instant dueAt,
        LocalDate dueOn,
        Set<MoveOnNeed> openNeeds,
        boolean open,
        Instant resolvedAt,
        EscalationResolution resolution) {

    public EscalationView {
        openNeeds = openNeeds == null ? null : Set.copyOf(openNeeds);
    }
}
