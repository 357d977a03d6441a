package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** A referral was raised and sits in the receiving agency's inbox. Its particulars are sealed with the data subject's key; acknowledgeBy is the end of its acknowledgement SLA. */
@Revision("1")
public record ReferralRaisedEvent(
        ReferralId referralId,
        ReferralType type,
        PartnershipId partnershipId,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId,
        CaseId caseId,
        DataSubjectId subject,
        LawfulBasis lawfulBasis,
        ReferralFacts facts,
        Sealed particulars,
        ReferralId parentReferralId,
        Instant raisedAt,
        Instant acknowledgeBy) {}
