package org.integratedcommunities.referrals.queryside.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.identity.UserId;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;
import org.integratedcommunities.referrals.kernel.referral.ReferralOutcome;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SuspensionReason;

/**
 * A referral as its referring agency (outbox) and its receiving agency (inbox) see it in their lists: ids, agencies,
 * vocabularies, times and the categorical outcome, never personal data.
 *
 * @param madeOn the day it was really made (by phone, e-mail or on paper) when recorded later; null otherwise
 * @param acknowledgeBy the end of the current acknowledgement SLA
 * @param slaBreached whether an acknowledgement SLA was ever breached (stays true after a later acceptance)
 * @param assignee who in the receiving agency works it (the identity provider's user id), once accepted
 * @param outcome what became of it, in its type's vocabulary (the closed loop), once recorded
 * @param suspension why and when sharing stopped, if it did
 * @param lado for an allegation against staff or a volunteer: the LADO notification; null otherwise
 * @param moveOn for refugee move-on support: the end of the move-on period and its escalation; null otherwise
 * @param onwardReferralIds referrals made on from this one, oldest first
 * @param lastChangedAt when its newest event was stored
 * @param version its version: the sequence number of its newest event (what {@code If-Match} on the command API takes)
 */
public record ReferralView(
        ReferralId referralId,
        ReferralType type,
        ReferralStatus status,
        PartnershipId partnershipId,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId,
        CaseId caseId,
        Instant raisedAt,
        LocalDate madeOn,
        Instant acknowledgeBy,
        boolean slaBreached,
        Instant slaBreachedAt,
        UserId assignee,
        ReferralOutcome outcome,
        Instant outcomeRecordedAt,
        Suspension suspension,
        Lado lado,
        MoveOn moveOn,
        ReferralId parentReferralId,
        List<ReferralId> onwardReferralIds,
        Instant lastChangedAt,
        long version) {

    public ReferralView {
        onwardReferralIds = List.copyOf(onwardReferralIds);
    }

    /** Sharing stopped by the platform (consent withdrawn): the receiving agency must stop working it. */
    public record Suspension(SuspensionReason reason, Instant suspendedAt) {}

    /**
     * @param informedAt when the receiving agency recorded that the LADO was told; null while not yet
     * @param overdueAt when the one-working-day deadline passed without it and was escalated; null if it did not
     */
    public record Lado(Instant informedAt, Instant overdueAt) {}

    /**
     * @param escalatedAt when the end of the period neared with needs still open and was escalated; null if not
     * @param openNeeds the needs still open at that escalation
     */
    public record MoveOn(LocalDate endsOn, Instant escalatedAt, Set<MoveOnNeed> openNeeds) {

        public MoveOn {
            openNeeds = Set.copyOf(openNeeds);
        }
    }
}
