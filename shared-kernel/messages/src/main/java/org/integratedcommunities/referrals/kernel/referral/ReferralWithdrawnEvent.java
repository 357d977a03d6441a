package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** The referrer withdrew the referral. */
@Revision("1")
public record ReferralWithdrawnEvent(ReferralId referralId, Sealed reason, Instant withdrawnAt) {}
