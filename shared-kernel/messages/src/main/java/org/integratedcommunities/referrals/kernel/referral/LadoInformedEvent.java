package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The Local Authority Designated Officer was told of an allegation against staff or a volunteer. */
@Revision("1")
public record LadoInformedEvent(ReferralId referralId, Instant informedAt) {}
