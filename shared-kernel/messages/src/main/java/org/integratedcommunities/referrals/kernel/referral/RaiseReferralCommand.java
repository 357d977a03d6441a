package org.integratedcommunities.referrals.kernel.referral;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;

/**
 * Raise a referral from the actor's agency to another agency of the same partnership. The referring agency and
 * partnership come from the authenticated actor, never from the request body.
 */
public record RaiseReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        ReferralType type,
        PartnershipId partnershipId,
        AgencyId referringAgencyId,
        AgencyId receivingAgencyId) {

    public RaiseReferralCommand {
        Objects.requireNonNull(referralId, "referral id");
        Objects.requireNonNull(type, "referral type");
        Objects.requireNonNull(partnershipId, "partnership id");
        Objects.requireNonNull(referringAgencyId, "referring agency id");
        Objects.requireNonNull(receivingAgencyId, "receiving agency id");
    }
}
