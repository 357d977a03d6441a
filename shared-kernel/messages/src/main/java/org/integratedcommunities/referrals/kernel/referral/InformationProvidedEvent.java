package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** The referrer answered; the referral is back in the inbox with a new acknowledgement deadline. */
@Revision("1")
public record InformationProvidedEvent(
        ReferralId referralId, Sealed answer, Instant providedAt, Instant acknowledgeBy) {}
