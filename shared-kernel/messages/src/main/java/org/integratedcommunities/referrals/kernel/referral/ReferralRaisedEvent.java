package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/**
 * A referral was raised and sits in the receiving agency's inbox. Its particulars are sealed with the data subject's
 * key; madeOn is the day it was really made when that was before it was recorded (null otherwise); acknowledgeBy is
 * the end of its acknowledgement SLA, counted from that day.
 */
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
        LocalDate madeOn,
        Instant acknowledgeBy) {}
