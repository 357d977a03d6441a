package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** A referral was raised and now sits in the receiving agency's inbox. */
@Revision("1")
public record ReferralRaisedEvent(
        ReferralId referralId,
        ReferralType type,
        PartnershipId partnershipId,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId,
        Instant raisedAt) {}
