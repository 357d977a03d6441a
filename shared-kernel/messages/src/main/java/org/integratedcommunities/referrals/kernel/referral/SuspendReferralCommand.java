package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The platform suspends a referral whose lawful basis fell away (consent withdrawn). */
public record SuspendReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @NotNull SuspensionReason reason) {}
