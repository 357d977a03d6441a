package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/** The referrer sent the declined referral to another agency. */
@Revision("1")
public record ReferralRedirectedEvent(
        ReferralId referralId,
        AgencyId previousReceivingAgencyId,
        AgencyId receivingAgencyId,
        Instant redirectedAt,
        Instant acknowledgeBy) {}
