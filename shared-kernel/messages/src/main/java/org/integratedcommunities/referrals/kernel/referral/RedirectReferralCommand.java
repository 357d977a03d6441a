package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/** The referrer sends a declined referral to another agency of the partnership. */
public record RedirectReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotNull AgencyId receivingAgencyId) {}
