package org.integratedcommunities.referrals.kernel.directory;

import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/** Replace the kinds of referral an agency of the partnership takes. */
public record ChangeAgencyServicesCommand(
        @TargetAggregateIdentifier PartnershipId partnershipId,
        @NotNull AgencyId agencyId,
        Set<ReferralType> servicesOffered) {

    public ChangeAgencyServicesCommand {
        servicesOffered = servicesOffered == null ? Set.of() : Set.copyOf(servicesOffered);
    }
}
