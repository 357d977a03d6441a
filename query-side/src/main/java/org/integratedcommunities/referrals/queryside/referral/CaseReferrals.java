package org.integratedcommunities.referrals.queryside.referral;

import org.integratedcommunities.referrals.kernel.casefile.CaseId;
import org.integratedcommunities.referrals.queryside.web.ActorRead;
import org.springframework.stereotype.Component;

/**
 * The referrals of one case, for the case's page: the referral list the API answers for
 * {@code GET /api/referrals?caseId=...}, read inside the caller's read as the actor.
 */
@Component
public class CaseReferrals {

    private final ReferralSummaryRepository summaries;

    CaseReferrals(ReferralSummaryRepository summaries) {
        this.summaries = summaries;
    }

    /** The first {@code size} referrals of the case the actor may see, newest first. */
    public ReferralPage of(ActorRead read, CaseId caseId, int size) {
        ReferralListQuery.Parsed parsed = ReferralListQuery.parse(
                null, null, null, null, null, caseId.toString(), null, null, String.valueOf(size));
        if (parsed.query() == null) {
            throw new IllegalArgumentException("Not a valid case list: " + parsed.errors());
        }
        return summaries.page(read, parsed.query());
    }
}
