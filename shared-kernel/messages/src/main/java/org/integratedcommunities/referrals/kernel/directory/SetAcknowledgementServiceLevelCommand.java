package org.integratedcommunities.referrals.kernel.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.identity.PartnershipId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;

/**
 * Set, for one kind of referral in the partnership, within how many working days the receiving agency must accept,
 * decline or return a referral (1 to {@value #MOST_WORKING_DAYS}). Replaces the product's default and any
 * configured value, for referrals raised from now on.
 */
public record SetAcknowledgementServiceLevelCommand(
        @TargetAggregateIdentifier PartnershipId partnershipId,
        @NotNull ReferralType type,

        @Min(1) @Max(SetAcknowledgementServiceLevelCommand.MOST_WORKING_DAYS)
        int workingDays) {

    /** Ten working weeks: anything longer is almost certainly a typo. */
    public static final int MOST_WORKING_DAYS = 50;
}
