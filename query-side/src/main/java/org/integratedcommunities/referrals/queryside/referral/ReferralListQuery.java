package org.integratedcommunities.referrals.queryside.referral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.QueryParameters;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;

/**
 * What a caller asks of the referral list: which box, which referrals (filters), in which order, which page. Parsed
 * from the query parameters, every problem reported against its parameter at once.
 *
 * @param statuses any of these statuses; empty for all
 * @param types any of these types; empty for all
 * @param slaBreached only breached ({@code true}) or only never breached ({@code false}); null for both
 * @param assignedToMe only referrals assigned to the caller
 * @param caseId only the referrals of this case; null for all
 */
record ReferralListQuery(
        Box box,
        Set<ReferralStatus> statuses,
        Set<ReferralType> types,
        Boolean slaBreached,
        boolean assignedToMe,
        UUID caseId,
        Sort sort,
        boolean descending,
        int page,
        int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    /** Deeper than anyone pages by hand; keeps OFFSET within reason. */
    static final int MAX_PAGE = 10_000;

    ReferralListQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(statuses);
        types = types.isEmpty() ? Set.of() : Set.copyOf(types);
    }

    /** What the caller's agency received, sent, or both. */
    enum Box {
        INBOX,
        OUTBOX,
        ALL
    }

    enum Sort {
        /** By when it was raised; newest first unless asked otherwise. */
        RAISED_AT("raisedAt", "raised_at", true),
        /** By the end of its acknowledgement SLA; soonest first unless asked otherwise. */
        ACKNOWLEDGE_BY("acknowledgeBy", "acknowledge_by", false);

        final String parameter;
        final String column;
        final boolean descendingByDefault;

        Sort(String parameter, String column, boolean descendingByDefault) {
            this.parameter = parameter;
            this.column = column;
            this.descendingByDefault = descendingByDefault;
        }
    }

    long offset() {
        return (long) page * size;
    }

    /** The outcome of parsing: a query, or the problems with the parameters (never both). */
    record Parsed(ReferralListQuery query, List<Map<String, String>> errors) {}

    /** Parses the list's query parameters; null or absent parameters take their defaults. */
    static Parsed parse(
            String box,
            List<String> status,
            List<String> type,
            String slaBreached,
            String assignedToMe,
            String caseId,
            String sort,
            String page,
            String size) {
        List<Map<String, String>> errors = new ArrayList<>();
        Box whichBox = box == null
                ? Box.ALL
                : QueryParameters.parseEnum(box, Box.class, "box", "must be inbox, outbox or all", errors, Box.ALL);
        Set<ReferralStatus> statuses = QueryParameters.parseEnums(status, ReferralStatus.class, "status", errors);
        Set<ReferralType> types = QueryParameters.parseEnums(type, ReferralType.class, "type", errors);
        Boolean breached = QueryParameters.parseBoolean(slaBreached, "slaBreached", errors);
        Boolean mine = QueryParameters.parseBoolean(assignedToMe, "assignedToMe", errors);
        UUID ofCase = null;
        if (caseId != null) {
            try {
                ofCase = UUID.fromString(caseId.trim());
            } catch (IllegalArgumentException e) {
                errors.add(ApiProblemHandler.fieldError("caseId", "must be a case id (a UUID)"));
            }
        }

        Sort order = Sort.RAISED_AT;
        boolean descending = order.descendingByDefault;
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
                        "sort", "must be raisedAt or acknowledgeBy, optionally followed by ,asc or ,desc"));
            } else {
                order = field;
                descending = direction.isEmpty() ? field.descendingByDefault : direction.equals("desc");
            }
        }
        int pageNumber = QueryParameters.parseInt(page, 0, 0, MAX_PAGE, "page", errors);
        int pageSize = QueryParameters.parseInt(size, DEFAULT_SIZE, 1, MAX_SIZE, "size", errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(
                new ReferralListQuery(
                        whichBox,
                        statuses,
                        types,
                        breached,
                        Boolean.TRUE.equals(mine),
                        ofCase,
                        order,
                        descending,
                        pageNumber,
                        pageSize),
                List.of());
    }
}
