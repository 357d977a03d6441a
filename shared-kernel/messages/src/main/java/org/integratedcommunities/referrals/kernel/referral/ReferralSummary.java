package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** A referral as the referring and the receiving agency see it in their lists. */
public record ReferralSummary(
        ReferralId referralId,
        ReferralType type,
        ReferralStatus status,
        PartnershipId partnershipId,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId,
        Instant raisedAt) {}
