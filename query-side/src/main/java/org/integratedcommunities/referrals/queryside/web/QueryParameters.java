package org.integratedcommunities.referrals.queryside.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;

/**
 * Parsing of the lists' query parameters, the same way for every list: a parameter that does not parse adds a field
 * error (for the 400 problem's {@code errors}) and yields its fallback, so that all problems are reported at once.
 */
public final class QueryParameters {

    private QueryParameters() {}

    public static <E extends Enum<E>> E parseEnum(
            String value, Class<E> type, String field, String message, List<Map<String, String>> errors, E fallback) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(ApiProblemHandler.fieldError(field, message));
            return fallback;
        }
    }

    /** Values given repeatedly ({@code status=A&status=B}) or comma-separated ({@code status=A,B}), or both. */
    public static <E extends Enum<E>> Set<E> parseEnums(
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

    public static Boolean parseBoolean(String value, String field, List<Map<String, String>> errors) {
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

    public static int parseInt(
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
