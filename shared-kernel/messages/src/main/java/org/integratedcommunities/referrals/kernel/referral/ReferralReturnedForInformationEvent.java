package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** The receiving agency asked the referrer a question. */
@Revision("1")
public record ReferralReturnedForInformationEvent(ReferralId referralId, Sealed question, Instant returnedAt) {}
