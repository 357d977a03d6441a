package org.integratedcommunities.referrals.queryside.indicators;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.integratedcommunities.referrals.webapi.ApiProblemHandler;

/**
 * The months the indicators cover, from {@code from} to {@code to} inclusive (months in Europe/London). Parsed from the
 * query parameters, every problem reported against its parameter at once.
 */
record IndicatorPeriod(YearMonth from, YearMonth to) {

    /** The default period: a year, ending with the current month. */
    static final int DEFAULT_MONTHS = 12;
    /** Longer periods are refused: three years is as far back as a partnership's review looks. */
    static final int MAX_MONTHS = 36;

    /** The problems {@link #parse} reports, by message. */
    static final String NOT_A_MONTH = "must be a month as YYYY-MM";

    static final String AFTER_CURRENT = "must not be after the current month";
    static final String FROM_AFTER_TO = "must not be after to";
    static final String TOO_LONG = "the period may cover at most " + MAX_MONTHS + " months from its from";

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    /** The outcome of parsing: a period, or the problems with the parameters (never both). */
    record Parsed(IndicatorPeriod period, List<Map<String, String>> errors) {}

    /**
     * Parses {@code from} and {@code to} ({@code YYYY-MM}; either may be absent). Without {@code to}, the period ends
     * with {@code current}; without {@code from}, it is the {@value #DEFAULT_MONTHS} months ending with {@code to}.
     */
    static Parsed parse(String from, String to, YearMonth current) {
        List<Map<String, String>> errors = new ArrayList<>();
        YearMonth last = to == null ? current : month(to, "to", current, errors);
        YearMonth first = from == null
                ? (last == null ? null : last.minusMonths(DEFAULT_MONTHS - 1))
                : month(from, "from", current, errors);
        if (first != null && last != null) {
            if (first.isAfter(last)) {
                errors.add(ApiProblemHandler.fieldError("from", FROM_AFTER_TO));
            } else if (ChronoUnit.MONTHS.between(first, last) + 1 > MAX_MONTHS) {
                errors.add(ApiProblemHandler.fieldError("to", TOO_LONG));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new IndicatorPeriod(first, last), List.of());
    }

    private static YearMonth month(String value, String field, YearMonth current, List<Map<String, String>> errors) {
        String trimmed = value.trim();
        try {
            if (MONTH.matcher(trimmed).matches()) {
                YearMonth month = YearMonth.parse(trimmed);
                if (!month.isAfter(current)) {
                    return month;
                }
                errors.add(ApiProblemHandler.fieldError(field, AFTER_CURRENT));
                return null;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(ApiProblemHandler.fieldError(field, NOT_A_MONTH));
        return null;
    }
}
