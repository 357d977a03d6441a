package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** The receiving agency recorded the outcome: the referrer sees it (the closed loop). */
@Revision("1")
public record ReferralOutcomeRecordedEvent(
        ReferralId referralId, ReferralOutcome outcome, Sealed note, Instant recordedAt) {}
