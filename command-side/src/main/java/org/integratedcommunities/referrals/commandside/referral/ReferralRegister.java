package org.integratedcommunities.referrals.commandside.referral;

import java.util.List;
import java.util.Optional;
import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.kernel.referral.ReferralId;

/** The referrals the command side knows, kept in step with referral events in the transaction that stores them. */
public interface ReferralRegister {

    Optional<RegisteredReferral> find(ReferralId referralId);

    /** Open referrals of the case that share its data on the strength of consent. */
    List<ReferralId> openReferralsRelyingOnConsent(CaseId caseId);
}
