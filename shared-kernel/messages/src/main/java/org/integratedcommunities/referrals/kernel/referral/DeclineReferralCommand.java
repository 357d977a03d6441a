package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Decline a referral with a reason; OTHER needs an explanation. */
public record DeclineReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotNull DeclineReason reason,
        @Size(max = ReferralParticulars.MAX_TEXT) String explanation) {}
