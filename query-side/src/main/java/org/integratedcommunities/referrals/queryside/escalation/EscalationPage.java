package org.integratedcommunities.referrals.queryside.escalation;

import java.util.List;

/**
 * One page of the escalation list.
 *
 * @param page the page number, from 0
 * @param size the page size asked for (the last page may hold fewer items)
 * @param total how many escalations match the filters, on every page
 */
public record EscalationPage(List<EscalationView> items, int page, int size, long total) {

    public EscalationPage {
        items = List.copyOf(items);
    }
}
