package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** An allegation against staff or a volunteer did not reach the LADO within one working day: escalated. */
@Revision("1")
public record LadoNotificationOverdueEvent(
        ReferralId referralId,
        PartnershipId partnershipId,
        AgencyId receivingAgencyId,
        Instant dueAt,
        Instant escalatedAt) {}
