package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/** The receiving agency accepted the referral. */
@Revision("1")
public record ReferralAcceptedEvent(ReferralId referralId, UserId assignee, Instant acceptedAt) {}
