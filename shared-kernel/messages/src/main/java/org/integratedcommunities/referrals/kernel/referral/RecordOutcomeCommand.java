package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The receiving agency records what became of the referral, in its type's vocabulary. */
public record RecordOutcomeCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @TargetAggregateVersion Long expectedVersion,
        @NotNull @Valid ReferralOutcome outcome,
        @Size(max = ReferralParticulars.MAX_TEXT) String note) {}
