package org.integratedcommunities.referrals.kernel.directory;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** A partnership's directory was started. */
@Revision("1")
public record PartnershipRegisteredEvent(PartnershipId partnershipId, String name, Instant registeredAt) {}
