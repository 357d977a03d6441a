package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/**
 * The receiving agency did not acknowledge the referral within its SLA: escalated to the agency's manager and the
 * partnership coordinator.
 */
@Revision("1")
public record AcknowledgementOverdueEvent(
        ReferralId referralId,
        PartnershipId partnershipId,
        AgencyId receivingAgencyId,
        ReferralType type,
        Instant acknowledgeBy,
        Instant escalatedAt) {}
