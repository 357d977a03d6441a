package org.integratedcommunities.referrals.kernel.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/** Start a partnership's directory. Done once per partnership. */
public record RegisterPartnershipCommand(
        @TargetAggregateIdentifier PartnershipId partnershipId,

        @NotBlank @Size(max = RegisterPartnershipCommand.MAX_NAME)
        String name) {

    /** The longest partnership or agency name. */
    public static final int MAX_NAME = 200;
}
