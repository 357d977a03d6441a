package org.integratedcommunities.referrals.queryside.referral;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a referral list.
 *
 * <p>The total is counted only up to {@link #COUNT_CAP} referrals past the page's start: an inbox keeps every referral
 * it ever received, and counting all of them on every page would cost time in proportion to the whole inbox.
 *
 * @param page the page number, from 0
 * @param size the page size asked for (the last page may hold fewer items)
 * @param total how many referrals match the filters, on every page, when {@code totalIsExact}; otherwise a lower bound,
 *     the page's offset plus {@link #COUNT_CAP}, and there are more than that
 * @param totalIsExact whether {@code total} is the exact number of matches (false: there are more than {@code total})
 */
@Schema(description = "One page of the caller's referrals")
public record ReferralPage(
        List<ReferralView> items,

        @Schema(description = "The page, from 0", example = "0")
        int page,

        @Schema(description = "The page size asked for; the last page may hold fewer items", example = "50")
        int size,

        @Schema(
                description = "How many referrals match the filters, counted up to " + ReferralPage.COUNT_CAP
                        + " past the page's start: exact when `totalIsExact` is true; otherwise the page's offset plus "
                        + ReferralPage.COUNT_CAP + ", and there are more than that",
                example = "123")
        long total,

        @Schema(description = "Whether `total` is exact; false: there are more than `total` matching referrals")
        boolean totalIsExact) {

    /**
     * How many matches past the page's start are counted at most. Enough to say how many pages a working inbox has;
     * beyond it the list says "more than", so a page costs the same however many referrals an agency has ever received
     * (the count's index scan stops at the cap instead of running over the whole inbox).
     */
    public static final int COUNT_CAP = 1_000;

    public ReferralPage {
        items = List.copyOf(items);
    }
}
