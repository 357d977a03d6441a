package org.integratedcommunities.referrals.queryside.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;

/**
 * The query parameters every list of the query API reads the same way: filters by vocabulary, a sort with an optional
 * direction, and the page. Each parser reports its parameter's problem into {@code errors} (as a field error of the
 * problem+json answer) and returns a fallback, so a list can report every bad parameter at once.
 */
public final class ListParameters {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** Deeper than anyone pages by hand; keeps OFFSET within reason. */
    public static final int MAX_PAGE = 10_000;

    private ListParameters() {}

    /** A field a list sorts by, as its {@code sort} parameter names it. */
    public interface SortField {

        /** The name in the {@code sort} parameter, such as {@code raisedAt}. */
        String parameter();

        /** Whether it sorts newest (or largest) first when no direction is given. */
        boolean descendingByDefault();
    }

    /** The 400 problem+json answer to a list request with bad parameters: each under {@code errors}. */
    public static ResponseEntity<Object> invalid(List<Map<String, String>> errors, ServerWebExchange exchange) {
        ProblemDetail problem = ApiProblemHandler.problem(
                HttpStatus.BAD_REQUEST, "Invalid request", "Some parameters are invalid.", exchange);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** A sort field and its direction. */
    public record Order<S extends Enum<S> & SortField>(S field, boolean descending) {}

    /** One value of a vocabulary, case-insensitive; {@code fallback} if absent or (reported) unknown. */
    public static <E extends Enum<E>> E one(
            String value, Class<E> type, E fallback, String field, String message, List<Map<String, String>> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(ApiProblemHandler.fieldError(field, message));
            return fallback;
        }
    }

    /** Values given repeatedly ({@code status=A&status=B}) or comma-separated ({@code status=A,B}), or both. */
    public static <E extends Enum<E>> Set<E> anyOf(
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

    /** {@code true} or {@code false}, case-insensitive; null if absent or (reported) anything else. */
    public static Boolean trueOrFalse(String value, String field, List<Map<String, String>> errors) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                errors.add(ApiProblemHandler.fieldError(field, "must be true or false"));
                yield null;
            }
        };
    }

    /** A whole number within bounds; {@code fallback} if absent or (reported) not one. */
    public static int wholeNumber(
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
            // reported below, as for a number out of bounds
        }
        errors.add(ApiProblemHandler.fieldError(field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    /** The {@code page} parameter: from 0 (default) to {@value #MAX_PAGE}. */
    public static int page(String value, List<Map<String, String>> errors) {
        return wholeNumber(value, 0, 0, MAX_PAGE, "page", errors);
    }

    /** The {@code size} parameter: from 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}). */
    public static int size(String value, List<Map<String, String>> errors) {
        return wholeNumber(value, DEFAULT_SIZE, 1, MAX_SIZE, "size", errors);
    }

    /**
     * The {@code sort} parameter: a field's name, optionally followed by {@code ,asc} or {@code ,desc}; without a
     * direction, the field's own default. {@code fallback} in its default direction if absent or (reported) invalid.
     */
    public static <S extends Enum<S> & SortField> Order<S> sort(
            String value, Class<S> type, S fallback, List<Map<String, String>> errors) {
        Order<S> byDefault = new Order<>(fallback, fallback.descendingByDefault());
        if (value == null) {
            return byDefault;
        }
        String[] parts = value.split(",", -1);
        S field = Arrays.stream(type.getEnumConstants())
                .filter(candidate -> candidate.parameter().equals(parts[0].trim()))
                .findFirst()
                .orElse(null);
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "";
        if (field == null
                || parts.length > 2
                || !(direction.isEmpty() || direction.equals("asc") || direction.equals("desc"))) {
            String fields = Arrays.stream(type.getEnumConstants())
                    .map(SortField::parameter)
                    .collect(Collectors.joining(" or "));
            errors.add(ApiProblemHandler.fieldError(
                    "sort", "must be " + fields + ", optionally followed by ,asc or ,desc"));
            return byDefault;
        }
        return new Order<>(field, direction.isEmpty() ? field.descendingByDefault() : direction.equals("desc"));
    }

    /** An instant (ISO-8601, e.g. {@code 2026-11-01T00:00:00Z}); null if absent or (reported) not one. */
    public static Instant instant(String value, String field, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(ApiProblemHandler.fieldError(field, "must be an instant such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }

    /** A free filter value, trimmed; null if absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
