package org.integratedcommunities.referrals.queryside.referral;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.integratedcommunities.referrals.kernel.casefile.LawfulBasis;
import org.integratedcommunities.referrals.kernel.referral.ReferralFacts;

/**
 * One referral in full, as its referring agency or its receiving agency sees it: what the lists show, its categorical
 * facts, its particulars opened at read time, and its timeline. In JSON the fields of {@code referral} sit at the top
 * level, beside the others.
 *
 * @param lawfulBasis the basis its sharing relied on
 * @param particulars the particulars (free text and anything identifying), opened from the event store
 * @param timeline every event of the referral, oldest first, up to its {@code version}
 */
public record ReferralDetail(
        @JsonUnwrapped ReferralView referral,
        LawfulBasis lawfulBasis,
        ReferralFacts facts,
        OpenedParticulars particulars,
        List<TimelineEntryView> timeline) {

    public ReferralDetail {
        timeline = List.copyOf(timeline);
    }
}
