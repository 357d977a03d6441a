package org.integratedcommunities.referrals.queryside.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
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

    enum Sort implements ListParameters.SortField {
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

        @Override
        public String parameter() {
            return parameter;
        }

        @Override
        public boolean descendingByDefault() {
            return descendingByDefault;
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
        Box whichBox = ListParameters.one(box, Box.class, Box.ALL, "box", "must be inbox, outbox or all", errors);
        Set<ReferralStatus> statuses = ListParameters.anyOf(status, ReferralStatus.class, "status", errors);
        Set<ReferralType> types = ListParameters.anyOf(type, ReferralType.class, "type", errors);
        Boolean breached = ListParameters.trueOrFalse(slaBreached, "slaBreached", errors);
        Boolean mine = ListParameters.trueOrFalse(assignedToMe, "assignedToMe", errors);
        UUID ofCase = null;
        if (caseId != null) {
            try {
                ofCase = UUID.fromString(caseId.trim());
            } catch (IllegalArgumentException e) {
                errors.add(ApiProblemHandler.fieldError("caseId", "must be a case id (a UUID)"));
            }
        }
        ListParameters.Order<Sort> order = ListParameters.sort(sort, Sort.class, Sort.RAISED_AT, errors);
        int pageNumber = ListParameters.page(page, errors);
        int pageSize = ListParameters.size(size, errors);
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
                        order.field(),
                        order.descending(),
                        pageNumber,
                        pageSize),
                List.of());
    }
}
