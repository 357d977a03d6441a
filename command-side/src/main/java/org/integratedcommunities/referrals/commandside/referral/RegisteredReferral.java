package org.integratedcommunities.referrals.commandside.referral;

import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;

/** What the command side needs to know of another referral: for onward referrals and consent withdrawal. */
public record RegisteredReferral(
        ReferralId referralId,
        CaseId caseId,
        PartnershipId partnershipId,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId,
        LawfulBasis lawfulBasis,
        boolean open) {}
