package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** The receiving agency declined the referral. */
@Revision("1")
public record ReferralDeclinedEvent(
        ReferralId referralId, DeclineReason reason, Sealed explanation, Instant declinedAt) {}
