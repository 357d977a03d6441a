package org.integratedcommunities.referrals.kernel.directory;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** An agency left the partnership: no new referrals go to it. */
@Revision("1")
public record AgencyRetiredEvent(PartnershipId partnershipId, AgencyId agencyId, Instant retiredAt) {}
