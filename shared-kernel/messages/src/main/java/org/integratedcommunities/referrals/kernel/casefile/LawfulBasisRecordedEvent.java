package org.integratedcommunities.referrals.kernel.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** A lawful basis for sharing was recorded; for consent, by whom, when and for what. */
@Revision("1")
public record LawfulBasisRecordedEvent(
        CaseId caseId,
        PartnershipId partnershipId,
        LawfulBasis basis,
        ConsentGivenBy consentGivenBy,
        LocalDate consentGivenOn,
        Set<ReferralType> consentPurposes,
        Set<AgencyId> consentAgencies,
        Instant recordedAt) {}
