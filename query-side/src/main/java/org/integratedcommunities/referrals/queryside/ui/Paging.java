package org.integratedcommunities.referrals.queryside.ui;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * GOV.UK pagination for a list page: which page of how many, and links to the previous and next pages that keep the
 * list's filters. Pages count from 1 in the UI's addresses (the API counts from 0).
 *
 * @param number this page, from 1
 * @param previous the previous page's address; null on the first
 * @param next the next page's address; null on the last
 */
public record Paging(int number, int pages, long total, long from, long to, String previous, String next) {

    /** The UI's page size: long enough to scan, short enough to read. */
    public static final int SIZE = 25;

    public static Paging of(ServerWebExchange exchange, int number, long total) {
        int pages = (int) Math.max(1, (total + SIZE - 1) / SIZE);
        long from = total == 0 ? 0 : (long) (number - 1) * SIZE + 1;
        long to = Math.min(total, (long) number * SIZE);
        return new Paging(
                number,
                pages,
                total,
                from,
                to,
                number > 1 ? link(exchange, number - 1) : null,
                number < pages ? link(exchange, number + 1) : null);
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

    private static String link(ServerWebExchange exchange, int page) {
        return UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value())
                .query(exchange.getRequest().getURI().getRawQuery())
                .replaceQueryParam("page", page)
                .build()
                .toUriString();
    }
}
