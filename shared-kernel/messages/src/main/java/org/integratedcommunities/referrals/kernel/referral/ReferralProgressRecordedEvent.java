package org.integratedcommunities.referrals.kernel.referral;

import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;
import org.integratedcommunities.referrals.kernel.personaldata.Sealed;

/** The receiving agency recorded progress. */
@Revision("1")
public record ReferralProgressRecordedEvent(
        ReferralId referralId, Sealed note, Set<MoveOnNeed> needsMet, Instant recordedAt) {}
