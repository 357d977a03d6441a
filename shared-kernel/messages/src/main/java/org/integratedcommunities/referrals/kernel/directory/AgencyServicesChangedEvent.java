package org.integratedcommunities.referrals.kernel.directory;

import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** The kinds of referral an agency takes changed: these are all of them now. */
@Revision("1")
public record AgencyServicesChangedEvent(
        PartnershipId partnershipId, AgencyId agencyId, Set<ReferralType> servicesOffered, Instant changedAt) {

    public AgencyServicesChangedEvent {
        servicesOffered = servicesOffered == null ? Set.of() : Set.copyOf(servicesOffered);
    }
}
