package org.integratedcommunities.referrals.kernel.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Record that the Local Authority Designated Officer was told of an allegation against staff or a volunteer. */
public record RecordLadoInformedCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion) {}
