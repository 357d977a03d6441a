package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The referral was closed. */
@Revision("1")
public record ReferralClosedEvent(ReferralId referralId, Instant closedAt) {}
