package org.integratedcommunities.referrals.kernel.directory;

import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** Take an agency out of the partnership: it receives no new referrals. Its id is never given to another agency. */
public record RetireAgencyCommand(
        @TargetAggregateIdentifier PartnershipId partnershipId,
        @NotNull AgencyId agencyId) {}
