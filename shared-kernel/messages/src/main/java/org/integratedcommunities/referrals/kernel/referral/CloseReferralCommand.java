package org.integratedcommunities.referrals.kernel.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Close a referral: after its outcome (either agency), or after a decline (the referrer). */
public record CloseReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion) {}
