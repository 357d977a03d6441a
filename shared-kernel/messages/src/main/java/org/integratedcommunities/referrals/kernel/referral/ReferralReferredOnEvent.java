package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/** After its outcome, the referral was referred on to another agency as a new, linked referral. */
@Revision("1")
public record ReferralReferredOnEvent(
        ReferralId referralId, ReferralId onwardReferralId, AgencyId receivingAgencyId, Instant referredOnAt) {}
