package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/** The referral was suspended because its lawful basis fell away; the receiving agency must stop working it. */
@Revision("1")
public record ReferralSuspendedEvent(
        ReferralId referralId, SuspensionReason reason, AgencyId receivingAgencyId, Instant suspendedAt) {}
