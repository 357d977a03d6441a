package org.integratedcommunities.referrals.queryside.referral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.kernel.referral.ReferralStatus;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;

/**
 * What a caller asks of the referral list: which box, which referrals (filters), in which order, which page. Parsed
 * from the query parameters, every problem reported against its parameter at once.
 *
 * @param statuses any of these statuses; empty for all
 * @param types any of these types; empty for all
 * @param slaBreached only breached ({@code true}) or only never breached ({@code false}); null for both
 * @param assignedToMe only referrals assigned to the caller
 */
record ReferralListQuery(
        Box box,
        Set<ReferralStatus> statuses,
        Set<ReferralType> types,
        Boolean slaBreached,
        boolean assignedToMe,
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
            String sort,
            String page,
            String size) {
        List<Map<String, String>> errors = new ArrayList<>();
        Box whichBox = box == null
                ? Box.ALL
                : parseEnum(box, Box.class, "box", "must be inbox, outbox or all", errors, Box.ALL);
        Set<ReferralStatus> statuses = parseEnums(status, ReferralStatus.class, "status", errors);
        Set<ReferralType> types = parseEnums(type, ReferralType.class, "type", errors);
        Boolean breached = parseBoolean(slaBreached, "slaBreached", errors);
        Boolean mine = parseBoolean(assignedToMe, "assignedToMe", errors);

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
        int pageNumber = parseInt(page, 0, 0, MAX_PAGE, "page", errors);
        int pageSize = parseInt(size, DEFAULT_SIZE, 1, MAX_SIZE, "size", errors);
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
                        order,
                        descending,
                        pageNumber,
                        pageSize),
                List.of());
    }

    private static <E extends Enum<E>> E parseEnum(
            String value, Class<E> type, String field, String message, List<Map<String, String>> errors, E fallback) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(ApiProblemHandler.fieldError(field, message));
            return fallback;
        }
    }

    /** Values given repeatedly ({@code status=A&status=B}) or comma-separated ({@code status=A,B}), or both. */
    private static <E extends Enum<E>> Set<E> parseEnums(
            List<String> values, Class<E> type, String field, List<Map<String, String>> errors) {
        Set<E> parsed = EnumSet.noneOf(type);
        if (values == null) {
            return parsed;
        }
        List<String> unknown = new ArrayList<>();
        for (String value : values) {
            for (String one : value.split(",")) {
                String name = one.trim().toUpperCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    parsed.add(Enum.valueOf(type, name));
                } catch (IllegalArgumentException e) {
                    unknown.add(one.trim());
                }
            }
        }
        if (!unknown.isEmpty()) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            errors.add(ApiProblemHandler.fieldError(field, "each must be one of " + allowed));
        }
        return parsed;
    }

    private static Boolean parseBoolean(String value, String field, List<Map<String, String>> errors) {
        if (value == null) {
            return null;
        }
        Function<String, Boolean> parse = text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
        Boolean parsed = parse.apply(value);
        if (parsed == null) {
            errors.add(ApiProblemHandler.fieldError(field, "must be true or false"));
        }
        return parsed;
    }

    private static int parseInt(
            String value, int fallback, int min, int max, String field, List<Map<String, String>> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(ApiProblemHandler.fieldError(field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
