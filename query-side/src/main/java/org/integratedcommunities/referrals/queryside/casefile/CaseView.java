package org.integratedcommunities.referrals.queryside.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.casefile.ConsentGivenBy;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * A case as its holding agency sees it in the read model: no personal data (see {@link CaseListItem} and
 * {@link CaseDetail} for the person, opened at read time).
 *
 * @param lawfulBases the bases in force now: consent until withdrawn, and every other basis recorded
 * @param consent the consent last recorded, in force or withdrawn; null if consent was never recorded
 * @param erasedAt when the person's data was erased (their key destroyed); null if not
 * @param referrals how many referrals the caller's agency can see on the case, and how many of those are still open
 * @param version the sequence of the case's newest event in the read model
 */
public record CaseView(
        CaseId caseId,
        AgencyId owningAgencyId,
        Instant openedAt,
        Set<LawfulBasis> lawfulBases,
        Consent consent,
        Instant erasedAt,
        ReferralCounts referrals,
        long version,
        Instant lastChangedAt) {

    /**
     * @param inForce false once withdrawn
     * @param givenBy who gave it: the person, a parent or guardian, a legal representative
     * @param purposes the referral types it covers
     * @param agencies the agencies it allows sharing with
     */
    public record Consent(
            boolean inForce,
            ConsentGivenBy givenBy,
            LocalDate givenOn,
            Set<ReferralType> purposes,
            Set<AgencyId> agencies,
            Instant recordedAt,
            Instant withdrawnAt) {}

    /** Referrals that are not closed, withdrawn or suspended count as open. */
    public record ReferralCounts(long open, long total) {}
}
