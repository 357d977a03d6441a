package org.integratedcommunities.referrals.commandside.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Working days in England and Wales: Monday to Friday, except England-and-Wales bank holidays (substitute days
 * included). SLA deadlines are counted in these days.
 *
 * <p><b>Where the bank holidays come from.</b> {@value #RESOURCE} lists them by hand for the years
 * {@code firstYear..lastYear} it declares: copied from GOV.UK's list where GOV.UK has published it, computed from the
 * standing rules after that (see the file's {@code source}). The rules cannot foresee one-off holidays (a coronation,
 * a state funeral, a moved spring holiday), so this calendar never guesses: a weekday outside the covered years is
 * <b>refused</b> with an {@link IllegalStateException} rather than silently treated as a working day. Weekends are
 * answered for any year, since they never depend on the list. Extend the file, from GOV.UK, before its last year
 * runs out; {@code WorkingDayCalendarTest} fails the build from the January of the file's last year onwards.
 *
 * <p><b>Time.</b> Deadlines are reckoned in {@code Europe/London} time (GMT in winter, BST in summer). The calendar is
 * pure: it reads no clock, and the same arguments always give the same answer.
 */
public final class WorkingDayCalendar {

    /** The time zone every working day and deadline is reckoned in. */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The classpath resource holding England-and-Wales bank holidays. */
    public static final String RESOURCE = "sla/bank-holidays-england-and-wales.json";

    private static final String DIVISION = "england-and-wales";

    /** Every year in England and Wales has at least these many bank holidays on the official list. */
    private static final int FEWEST_BANK_HOLIDAYS_IN_A_YEAR = 8;

    private final NavigableSet<LocalDate> bankHolidays;
    private final int firstYear;
    private final int lastYear;

    /**
     * A calendar knowing exactly the given bank holidays for the years {@code firstYear..lastYear} (inclusive).
     *
     * @throws IllegalArgumentException if a holiday lies outside those years, or the years are reversed
     */
    public WorkingDayCalendar(Collection<LocalDate> bankHolidays, int firstYear, int lastYear) {
        if (firstYear > lastYear) {
            throw new IllegalArgumentException("firstYear " + firstYear + " is after lastYear " + lastYear);
        }
        TreeSet<LocalDate> holidays = new TreeSet<>();
        for (LocalDate holiday : bankHolidays) {
            Objects.requireNonNull(holiday, "bank holiday");
            if (holiday.getYear() < firstYear || holiday.getYear() > lastYear) {
                throw new IllegalArgumentException(
                        "Bank holiday " + holiday + " is outside the covered years " + firstYear + ".." + lastYear);
            }
            holidays.add(holiday);
        }
        this.bankHolidays = Collections.unmodifiableNavigableSet(holidays);
        this.firstYear = firstYear;
        this.lastYear = lastYear;
    }

    /** England and Wales, from {@value #RESOURCE}. */
    public static WorkingDayCalendar englandAndWales() {
        try (InputStream json = WorkingDayCalendar.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (json == null) {
                throw new IllegalStateException("Bank holiday list " + RESOURCE + " is missing from the classpath");
            }
            return fromJson(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bank holiday list " + RESOURCE, e);
        }
    }

    /**
     * Reads a bank holiday list: {@code {"division": "england-and-wales", "firstYear": 2024, "lastYear": 2028,
     * "events": [{"date": "2024-01-01", "title": "New Year’s Day"}, ...]}} (events shaped as in GOV.UK's
     * {@code bank-holidays.json}). Checks that every covered year has at least {@value #FEWEST_BANK_HOLIDAYS_IN_A_YEAR}
     * holidays, none on a weekend, no date twice, so a year left out or mistyped fails at start-up.
     */
    static WorkingDayCalendar fromJson(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (!DIVISION.equals(root.path("division").asText())) {
            throw new IllegalStateException("Bank holiday list is not for " + DIVISION);
        }
        int firstYear = root.path("firstYear").asInt(-1);
        int lastYear = root.path("lastYear").asInt(-1);
        if (firstYear < 0 || lastYear < 0) {
            throw new IllegalStateException("Bank holiday list must declare firstYear and lastYear");
        }
        TreeSet<LocalDate> holidays = new TreeSet<>();
        for (JsonNode event : root.path("events")) {
            LocalDate date = LocalDate.parse(event.path("date").asText());
            if (isWeekend(date)) {
                throw new IllegalStateException(
                        "Bank holiday " + date + " falls on a weekend: list its substitute day");
            }
            if (!holidays.add(date)) {
                throw new IllegalStateException("Bank holiday " + date + " is listed twice");
            }
        }
        Map<Integer, Integer> perYear = new HashMap<>();
        holidays.forEach(date -> perYear.merge(date.getYear(), 1, Integer::sum));
        for (int year = firstYear; year <= lastYear; year++) {
            if (perYear.getOrDefault(year, 0) < FEWEST_BANK_HOLIDAYS_IN_A_YEAR) {
                throw new IllegalStateException("Bank holiday list has only " + perYear.getOrDefault(year, 0)
                        + " holidays for " + year + ": is the year missing?");
            }
        }
        return new WorkingDayCalendar(holidays, firstYear, lastYear);
    }

    /**
     * Whether {@code date} is a working day: a weekday that is not a bank holiday.
     *
     * @throws IllegalStateException if {@code date} is a weekday outside the years whose bank holidays are known
     */
    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (isWeekend(date)) {
            return false;
        }
        requireCovered(date);
        return !bankHolidays.contains(date);
    }

    /**
     * Whether {@code date} is an England-and-Wales bank holiday (including substitute days).
     *
     * @throws IllegalStateException if {@code date} lies outside the years whose bank holidays are known
     */
    public boolean isBankHoliday(LocalDate date) {
        Objects.requireNonNull(date, "date");
        requireCovered(date);
        return bankHolidays.contains(date);
    }

    /**
     * The {@code workingDays}-th working day after {@code date}. {@code date} itself never counts, whether or not it
     * is a working day; 0 working days gives {@code date} itself.
     *
     * <p>E.g. from Thursday 24 December 2026, 1 working day is Tuesday 29 December (25 and 28 are bank holidays, 26
     * and 27 the weekend); from Saturday 21 November 2026, 1 working day is Monday 23 November.
     *
     * @throws IllegalArgumentException if {@code workingDays} is negative
     * @throws IllegalStateException if the count reaches a weekday whose bank holidays are not known
     */
    public LocalDate addWorkingDays(LocalDate date, int workingDays) {
        Objects.requireNonNull(date, "date");
        requireNotNegative(workingDays);
        LocalDate day = date;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * The deadline for something that must be done within {@code workingDays} working days of {@code start}.
     *
     * <p>The contract:
     *
     * <ul>
     *   <li>Times are in {@code Europe/London}: {@code start} is first placed on its London calendar day.
     *   <li>That day itself never counts, whether or not it is a working day, and whatever the time of day.
     *   <li>The deadline is the <b>end</b> of the {@code workingDays}-th working day after it, i.e. 00:00 London
     *       time of the following calendar day (00:00 GMT or 00:00 BST as the date requires: correct across the
     *       clock changes at the end of March and October).
     *   <li>0 working days means the end of {@code start}'s own London day (even on a weekend or bank holiday): the
     *       natural limit of the rule, since {@link #addWorkingDays(LocalDate, int) addWorkingDays(day, 0)} is the
     *       day itself.
     * </ul>
     *
     * <p>E.g. raised Friday 2026-11-20 14:00, 1 working day: due 2026-11-24T00:00 London (the end of Monday 23rd);
     * raised Thursday 2026-12-24, 1 working day: due at the end of Tuesday 29 December.
     *
     * @throws IllegalArgumentException if {@code workingDays} is negative
     * @throws IllegalStateException if the count reaches a weekday whose bank holidays are not known
     */
    public Instant dueAfterWorkingDays(Instant start, int workingDays) {
        Objects.requireNonNull(start, "start");
        requireNotNegative(workingDays);
        LocalDate startDay = start.atZone(LONDON).toLocalDate();
        return endOfDay(addWorkingDays(startDay, workingDays));
    }

    /** The end of {@code date} in London: 00:00 London time of the next calendar day. */
    public static Instant endOfDay(LocalDate date) {
        return startOfDay(date.plusDays(1));
    }

    /** The start of {@code date} in London: 00:00 London time (midnight always exists there: clocks change at 01:00). */
    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(LONDON).toInstant();
    }

    /** The bank holidays this calendar knows, in date order. */
    public NavigableSet<LocalDate> bankHolidays() {
        return bankHolidays;
    }

    /** The first year whose bank holidays are known. */
    public int firstYear() {
        return firstYear;
    }

    /** The last year whose bank holidays are known: weekdays after it are refused. */
    public int lastYear() {
        return lastYear;
    }

    private void requireCovered(LocalDate date) {
        if (date.getYear() < firstYear || date.getYear() > lastYear) {
            throw new IllegalStateException("England-and-Wales bank holidays are known for " + firstYear + ".."
                    + lastYear + " only, not for " + date + ": add " + date.getYear()
                    + " from GOV.UK to " + RESOURCE);
        }
    }

    private static void requireNotNegative(int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("working days must not be negative, was " + workingDays);
        }
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
