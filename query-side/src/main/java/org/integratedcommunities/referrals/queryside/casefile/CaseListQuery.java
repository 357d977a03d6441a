package org.integratedcommunities.referrals.queryside.casefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.integratedcommunities.referrals.queryside.web.ListParameters;

/** A request for one page of the cases the caller's agency holds. */
record CaseListQuery(Sort sort, boolean descending, int page, int size) {

    enum Sort implements ListParameters.SortField {
        /** By when the case was opened; newest first unless asked otherwise. */
        OPENED_AT("openedAt", "opened_at"),
        /** By when anything last happened to it; most recent first unless asked otherwise. */
        LAST_CHANGED_AT("lastChangedAt", "last_changed_at");

        final String parameter;
        final String column;

        Sort(String parameter, String column) {
            this.parameter = parameter;
            this.column = column;
        }

        @Override
        public String parameter() {
            return parameter;
        }

        @Override
        public boolean descendingByDefault() {
            return true;
        }
    }

    long offset() {
        return (long) page * size;
    }

    /** The outcome of parsing: a query, or the problems with the parameters (never both). */
    record Parsed(CaseListQuery query, List<Map<String, String>> errors) {}

    static Parsed parse(String sort, String page, String size) {
        List<Map<String, String>> errors = new ArrayList<>();
        ListParameters.Order<Sort> order = ListParameters.sort(sort, Sort.class, Sort.OPENED_AT, errors);
        int pageNumber = ListParameters.page(page, errors);
        int pageSize = ListParameters.size(size, errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new CaseListQuery(order.field(), order.descending(), pageNumber, pageSize), List.of());
    }
}
