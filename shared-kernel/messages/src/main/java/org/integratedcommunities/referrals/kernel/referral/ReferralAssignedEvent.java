package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/** The referral was assigned to someone in the receiving agency. */
@Revision("1")
public record ReferralAssignedEvent(ReferralId referralId, UserId assignee, Instant assignedAt) {}
