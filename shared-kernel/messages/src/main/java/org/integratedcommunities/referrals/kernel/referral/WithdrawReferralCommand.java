package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The referrer withdraws an open referral, saying why. */
public record WithdrawReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotBlank @Size(max = ReferralParticulars.MAX_TEXT) String reason) {}
