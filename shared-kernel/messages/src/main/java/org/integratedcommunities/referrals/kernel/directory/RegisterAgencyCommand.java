package org.integratedcommunities.referrals.kernel.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * Add an agency to the partnership, with the kinds of referral it takes (none: it only refers). Its id starts with
 * the partnership's id and a hyphen, e.g. {@code bradford-esol}.
 */
public record RegisterAgencyCommand(
        @TargetAggregateIdentifier PartnershipId partnershipId,
        @NotNull AgencyId agencyId,

        @NotBlank @Size(max = RegisterPartnershipCommand.MAX_NAME)
        String name,

        Set<ReferralType> servicesOffered) {

    public RegisterAgencyCommand {
        servicesOffered = servicesOffered == null ? Set.of() : Set.copyOf(servicesOffered);
    }
}
