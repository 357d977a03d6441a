package org.integratedcommunities.referrals.kernel.casefile;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** Consent was withdrawn: open referrals that relied on it are suspended. */
@Revision("1")
public record ConsentWithdrawnEvent(CaseId caseId, PartnershipId partnershipId, Instant withdrawnAt) {}
