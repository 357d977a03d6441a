package org.integratedcommunities.referrals.queryside.casefile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.integratedcommunities.referrals.queryside.web.QueryParameters;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;

/** A request for one page of the cases the caller's agency holds. */
record CaseListQuery(Sort sort, boolean descending, int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    static final int MAX_PAGE = 10_000;

    enum Sort {
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
    }

    long offset() {
        return (long) page * size;
    }

    /** The outcome of parsing: a query, or the problems with the parameters (never both). */
    record Parsed(CaseListQuery query, List<Map<String, String>> errors) {}

    static Parsed parse(String sort, String page, String size) {
        List<Map<String, String>> errors = new ArrayList<>();
        Sort order = Sort.OPENED_AT;
        boolean descending = true;
        if (sort != null) {
            String[] parts = sort.split(",", -1);
            Sort field = Arrays.stream(Sort.values())
                    .filter(candidate -> candidate.parameter.equals(parts[0].trim()))
                    .findFirst()
                    .orElse(null);
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "";
            if (field == null
                    || parts.length > 2
                    || !(direction.isEmpty() || direction.equals("asc") || direction.equals("desc"))) {
                errors.add(ApiProblemHandler.fieldError(
                        "sort", "must be openedAt or lastChangedAt, optionally followed by ,asc or ,desc"));
            } else {
                order = field;
                descending = !direction.equals("asc");
            }
        }
        int pageNumber = QueryParameters.parseInt(page, 0, 0, MAX_PAGE, "page", errors);
        int pageSize = QueryParameters.parseInt(size, DEFAULT_SIZE, 1, MAX_SIZE, "size", errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new CaseListQuery(order, descending, pageNumber, pageSize), List.of());
    }
}
