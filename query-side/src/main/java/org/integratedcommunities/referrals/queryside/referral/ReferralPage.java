package org.integratedcommunities.referrals.queryside.referral;

import java.util.List;

/**
 * One page of a referral list.
 *
 * @param page the page number, from 0
 * @param size the page size asked for (the last page may hold fewer items)
 * @param total how many referrals match the filters, on every page
 */
public record ReferralPage(List<ReferralView> items, int page, int size, long total) {

    public ReferralPage {
        items = List.copyOf(items);
    }
}
