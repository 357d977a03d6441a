package org.integratedcommunities.referrals.kernel.casefile;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** A case was opened. The person's details are sealed with their own key. */
@Revision("1")
public record CaseOpenedEvent(
        CaseId caseId,
        PartnershipId partnershipId,
        AgencyId owningAgencyId,
        DataSubjectId subject,
        Sealed person,
        Instant openedAt) {}
