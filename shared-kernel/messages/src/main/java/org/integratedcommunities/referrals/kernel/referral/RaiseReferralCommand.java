package org.integratedcommunities.referrals.kernel.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;

/**
 * Raise a referral from the actor's agency to another agency of the same partnership. For a person's referral the case
 * must have a lawful basis for sharing; an out-of-school-settings concern has no case. The referring agency and
 * partnership are the actor's. {@code madeOn}, when given, is the day the referral was really made (by phone, e-mail
 * or on paper) before it was recorded here, within the last 30 days: its acknowledgement deadline counts from that day.
 */
public record RaiseReferralCommand(
        @TargetAggregateIdentifier ReferralId referralId,
        @NotNull ReferralType type,
        CaseId caseId,
        @NotNull AgencyId receivingAgencyId,
        @NotNull @Valid ReferralFacts facts,
        @NotNull @Valid ReferralParticulars particulars,
        ReferralId parentReferralId,
        LocalDate madeOn) {

    /** A referral made now, through the platform. */
    public RaiseReferralCommand(
            ReferralId referralId,
            ReferralType type,
            CaseId caseId,
            AgencyId receivingAgencyId,
            ReferralFacts facts,
            ReferralParticulars particulars,
            ReferralId parentReferralId) {
        this(referralId, type, caseId, receivingAgencyId, facts, particulars, parentReferralId, null);
    }
}
