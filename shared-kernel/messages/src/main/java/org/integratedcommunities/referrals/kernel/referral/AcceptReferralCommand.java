package org.integratedcommunities.referrals.kernel.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.integratedcommunities.referrals.kernel.identity.UserId;

/** Accept a referral into the receiving agency's work, assigned to someone there (the actor when no one is named). */
public record AcceptReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        UserId assignee) {}
