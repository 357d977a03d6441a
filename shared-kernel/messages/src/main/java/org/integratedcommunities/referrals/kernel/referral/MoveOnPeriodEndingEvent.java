package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** The refugee's move-on period is nearly over with needs still open: escalated. */
@Revision("1")
public record MoveOnPeriodEndingEvent(
        ReferralId referralId,
        PartnershipId partnershipId,
        AgencyId receivingAgencyId,
        LocalDate moveOnEndsOn,
        Set<MoveOnNeed> openNeeds,
        Instant escalatedAt) {}
