package org.integratedcommunities.referrals.commandside.casefile;

import java.util.Optional;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.personaldata.DataSubjectId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * What the command side knows of a case when deciding about a referral: who owns it, whose data it is, and on what
 * lawful bases it may be shared. No personal data.
 *
 * @param consentPurposes the kinds of referral the person consented to; empty when no consent is in force
 * @param consentAgencies the agencies consent covers; empty means any agency of the partnership
 * @param otherBases lawful bases other than consent recorded for the case
 */
public record RegisteredCase(
        CaseId caseId,
        PartnershipId partnershipId,
        AgencyId owningAgencyId,
        DataSubjectId subject,
        boolean erased,
        Set<ReferralType> consentPurposes,
        Set<AgencyId> consentAgencies,
        Set<LawfulBasis> otherBases) {

    public RegisteredCase {
        consentPurposes = Set.copyOf(consentPurposes);
        consentAgencies = Set.copyOf(consentAgencies);
        otherBases = Set.copyOf(otherBases);
    }

    /**
     * The lawful basis on which this person's data may go to the agency for this kind of referral: consent when it
     * covers them, else another recorded basis, else none.
     */
    public Optional<LawfulBasis> basisForSharing(ReferralType type, AgencyId receivingAgency) {
        if (consentPurposes.contains(type)
                && (consentAgencies.isEmpty() || consentAgencies.contains(receivingAgency))) {
            return Optional.of(LawfulBasis.CONSENT);
        }
        return otherBases.stream().sorted().findFirst();
    }
}
