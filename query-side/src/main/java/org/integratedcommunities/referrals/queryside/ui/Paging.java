package org.integratedcommunities.referrals.queryside.ui;

import java.util.Locale;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * GOV.UK pagination for a list page: which page of how many, and links to the previous and next pages that keep the
 * list's filters. Pages count from 1 in the UI's addresses (the API counts from 0).
 *
 * <p>A list may count its matches only up to a cap (the referral lists do): then its total is a lower bound, there are
 * more than {@code total}, {@code pages} is the number of whole pages known to exist before it, and there is always a
 * next page.
 *
 * @param number this page, from 1
 * @param pages how many pages; when the total is not exact, there are more than this
 * @param total how many items; when not exact, there are more than this
 * @param totalIsExact whether {@code total} (and {@code pages}) are exact or lower bounds
 * @param previous the previous page's address; null on the first
 * @param next the next page's address; null on the last
 */
public record Paging(
        int number, int pages, long total, boolean totalIsExact, long from, long to, String previous, String next) {

    /** The UI's page size: long enough to scan, short enough to read. */
    public static final int SIZE = 25;

    /** A page of a list whose total is exact. */
    public static Paging of(ServerWebExchange exchange, int number, long total) {
        return of(exchange, number, total, true);
    }

    /**
     * A page of a list whose total may be a lower bound ({@code totalIsExact} false: there are more than {@code total}
     * items, and more than {@code total} past this page's start, so a next page).
     */
    public static Paging of(ServerWebExchange exchange, int number, long total, boolean totalIsExact) {
        // Not exact: more than total items, so more than total / SIZE whole pages (and at least one past this one).
        int pages = totalIsExact ? (int) Math.max(1, (total + SIZE - 1) / SIZE) : (int) Math.max(number, total / SIZE);
        long from = total == 0 ? 0 : (long) (number - 1) * SIZE + 1;
        long to = totalIsExact ? Math.min(total, (long) number * SIZE) : (long) number * SIZE;
        return new Paging(
                number,
                pages,
                total,
                totalIsExact,
                from,
                to,
                number > 1 ? link(exchange, number - 1) : null,
                !totalIsExact || number < pages ? link(exchange, number + 1) : null);
    }

    /** The caption over the list: "Showing 1 to 25 of 40 referrals", or "... of more than 1,000 referrals". */
    public String showing(String things) {
        return "Showing " + figure(from) + " to " + figure(to) + " of " + (totalIsExact ? "" : "more than ")
                + figure(total) + " " + things;
    }

    /** Where this page is, under the pagination: "Page 2 of 40", or "Page 2 of more than 40". */
    public String where() {
        return "Page " + number + " of " + (totalIsExact ? "" : "more than ") + pages;
    }

    /** The UI's page parameter as the API's (from 0); anything that is not a page number is the first page. */
    public static String apiPage(String uiPage) {
        try {
            int number = Integer.parseInt(uiPage == null ? "1" : uiPage.trim());
            return String.valueOf(Math.max(0, number - 1));
        } catch (NumberFormatException e) {
            return "0";
        }
    }

    /** A number as GOV.UK writes it: with commas from 1,000 on. */
    private static String figure(long number) {
        return String.format(Locale.UK, "%,d", number);
    }

    private static String link(ServerWebExchange exchange, int page) {
        return UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value())
                .query(exchange.getRequest().getURI().getRawQuery())
                .replaceQueryParam("page", page)
                .build()
                .toUriString();
    }
}
