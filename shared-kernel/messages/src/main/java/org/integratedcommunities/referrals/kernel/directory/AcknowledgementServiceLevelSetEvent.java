package org.integratedcommunities.referrals.kernel.directory;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** The partnership's acknowledgement service level for one kind of referral, in working days, from now on. */
@Revision("1")
public record AcknowledgementServiceLevelSetEvent(
        PartnershipId partnershipId, ReferralType type, int workingDays, Instant setAt) {}
