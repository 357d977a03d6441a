package org.integratedcommunities.referrals.queryside.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.integratedcommunities.referrals.kernel.identity.AgencyId;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.web.ListParameters;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;

/**
 * What a caller asks of the escalation list: which escalations (filters), in which order, which page. Parsed from the
 * query parameters, every problem reported against its parameter at once.
 *
 * @param kinds any of these kinds; empty for all
 * @param types any of these referral types; empty for all
 * @param receivingAgency only escalations against this agency; null for all the caller may see
 */
record EscalationListQuery(
        State state,
        Set<EscalationKind> kinds,
        Set<ReferralType> types,
        AgencyId receivingAgency,
        Sort sort,
        boolean descending,
        int page,
        int size) {

    EscalationListQuery {
        kinds = Set.copyOf(kinds);
        types = Set.copyOf(types);
    }

    /** Still open, ended, or both. */
    enum State {
        OPEN,
        RESOLVED,
        ALL
    }

    enum Sort implements ListParameters.SortField {
        /** By when it escalated; newest first unless asked otherwise. */
        ESCALATED_AT("escalatedAt", "escalated_at", true),
        /** By when what escalated was due; soonest first unless asked otherwise. */
        DUE_AT("dueAt", "due_at", false);

        private final String parameter;
        final String column;
        private final boolean descendingByDefault;

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
    record Parsed(EscalationListQuery query, List<Map<String, String>> errors) {}

    /** Parses the list's query parameters; null or absent parameters take their defaults. */
    static Parsed parse(
            String state, List<String> kind, List<String> type, String agency, String sort, String page, String size) {
        List<Map<String, String>> errors = new ArrayList<>();
        State which =
                ListParameters.one(state, State.class, State.OPEN, "state", "must be open, resolved or all", errors);
        Set<EscalationKind> kinds = ListParameters.anyOf(kind, EscalationKind.class, "kind", errors);
        Set<ReferralType> types = ListParameters.anyOf(type, ReferralType.class, "type", errors);
        AgencyId receivingAgency = null;
        if (agency != null) {
            try {
                receivingAgency = new AgencyId(agency.trim());
            } catch (IllegalArgumentException e) {
                errors.add(ApiProblemHandler.fieldError("agency", "must be an agency id"));
            }
        }
        ListParameters.Order<Sort> order = ListParameters.sort(sort, Sort.class, Sort.ESCALATED_AT, errors);
        int pageNumber = ListParameters.page(page, errors);
        int pageSize = ListParameters.size(size, errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(
                new EscalationListQuery(
                        which, kinds, types, receivingAgency, order.field(), order.descending(), pageNumber, pageSize),
                List.of());
    }
}
