package org.integratedcommunities.referrals.kernel.directory;

import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** An agency joined the partnership, taking the kinds of referral listed. */
@Revision("1")
public record AgencyRegisteredEvent(
        PartnershipId partnershipId,
        AgencyId agencyId,
        String name,
        Set<ReferralType> servicesOffered,
        Instant registeredAt) {

    public AgencyRegisteredEvent {
        servicesOffered = servicesOffered == null ? Set.of() : Set.copyOf(servicesOffered);
    }
}
