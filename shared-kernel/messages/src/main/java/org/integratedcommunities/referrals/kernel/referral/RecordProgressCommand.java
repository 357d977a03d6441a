package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The receiving agency records progress; for a refugee referral, which move-on needs are now met. */
public record RecordProgressCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @Size(max = ReferralParticulars.MAX_TEXT) String note,
        Set<@NotNull MoveOnNeed> needsMet) {}
