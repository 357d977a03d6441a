package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/** A manager of the receiving agency assigns an accepted referral to a colleague. */
public record AssignReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotNull UserId assignee) {}
