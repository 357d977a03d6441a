package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Send a referral back to the referrer with a question. */
public record ReturnReferralForInformationCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotBlank @Size(max = ReferralParticulars.MAX_TEXT) String question) {}
