package org.integratedcommunities.referrals.kernel.casefile;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;

/** The person's data was erased: their key is destroyed. */
@Revision("1")
public record CaseErasedEvent(CaseId caseId, PartnershipId partnershipId, DataSubjectId subject, Instant erasedAt) {}
