package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/** After the outcome, the receiving agency refers the person on: a new referral linked to this one. */
public record ReferOnCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotNull ReferralId onwardReferralId,
        @NotNull AgencyId receivingAgencyId) {}
