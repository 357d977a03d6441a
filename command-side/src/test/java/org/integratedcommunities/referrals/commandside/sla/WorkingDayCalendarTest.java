package org.integratedcommunities.referrals.commandside.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = WorkingDayCalendar.englandAndWales();

    // --- the bank holiday file -------------------------------------------------------------------------------------

    /** As published on GOV.UK (www.gov.uk/bank-holidays), England and Wales. */
    @Test
    void fileHoldsGovUkBankHolidaysFor2024To2026() {
        assertThat(holidaysIn(2024))
                .containsExactly(
                        "2024-01-01",
                        "2024-03-29",
                        "2024-04-01",
                        "2024-05-06",
                        "2024-05-27",
                        "2024-08-26",
                        "2024-12-25",
                        "2024-12-26");
        assertThat(holidaysIn(2025))
                .containsExactly(
                        "2025-01-01",
                        "2025-04-18",
                        "2025-04-21",
                        "2025-05-05",
                        "2025-05-26",
                        "2025-08-25",
                        "2025-12-25",
                        "2025-12-26");
        assertThat(holidaysIn(2026))
                .containsExactly(
                        "2026-01-01",
                        "2026-04-03",
                        "2026-04-06",
                        "2026-05-04",
                        "2026-05-25",
                        "2026-08-31",
                        "2026-12-25",
                        "2026-12-28");
    }

    /** 2027 and 2028 are not all published yet: the file must equal the standing rules, computed independently here. */
    @Test
    void fileHoldsTheRuleBasedBankHolidaysFor2027And2028() {
        for (int year : List.of(2027, 2028)) {
            assertThat(holidaysIn(year)).as("bank holidays of %d", year).containsExactlyElementsOf(byRules(year));
        }
    }

    /** The rule computation reproduces the published years too (none of 2024-2026 had a one-off holiday). */
    @Test
    void theRulesReproduceThePublishedYears() {
        for (int year : List.of(2024, 2025, 2026)) {
            assertThat(byRules(year)).as("rules for %d", year).containsExactlyElementsOf(holidaysIn(year));
        }
    }

    @Test
    void easterSundaysAreRight() {
        assertThat(easterSunday(2024)).isEqualTo("2024-03-31");
        assertThat(easterSunday(2025)).isEqualTo("2025-04-20");
        assertThat(easterSunday(2026)).isEqualTo("2026-04-05");
        assertThat(easterSunday(2027)).isEqualTo("2027-03-28");
        assertThat(easterSunday(2028)).isEqualTo("2028-04-16");
        // long-known dates the algorithm must also get right
        assertThat(easterSunday(2000)).isEqualTo("2000-04-23");
        assertThat(easterSunday(2019)).isEqualTo("2019-04-21");
        assertThat(easterSunday(2038)).isEqualTo("2038-04-25");
        for (int year = 2024; year <= 2028; year++) {
            LocalDate easter = easterSunday(year);
            assertThat(calendar.isBankHoliday(easter.minusDays(2)))
                    .as("Good Friday %d", year)
                    .isTrue();
            assertThat(calendar.isBankHoliday(easter.plusDays(1)))
                    .as("Easter Monday %d", year)
                    .isTrue();
        }
    }

    /**
     * Fails from the January of the file's last year, so the list is extended (from GOV.UK) a year before deadlines
     * start to be refused. Deliberately reads today's date.
     */
    @Test
    void theFileCoversNextYear() {
        int thisYear = LocalDate.now(WorkingDayCalendar.LONDON).getYear();
        assertThat(calendar.lastYear())
                .as(
                        "add %d's England-and-Wales bank holidays from GOV.UK to %s",
                        thisYear + 1, WorkingDayCalendar.RESOURCE)
                .isGreaterThan(thisYear);
        assertThat(calendar.firstYear()).isEqualTo(2024);
    }

    @Test
    void aListWithAMissingYearOrAWeekendHolidayIsRefused() {
        assertThatThrownBy(() -> WorkingDayCalendar.fromJson(
                        json("{\"division\":\"england-and-wales\",\"firstYear\":2027,\"lastYear\":2028,\"events\":["
                                + events(byRules(2027)) + "]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2028");
        assertThatThrownBy(() -> WorkingDayCalendar.fromJson(
                        json("{\"division\":\"england-and-wales\",\"firstYear\":2026,\"lastYear\":2026,\"events\":["
                                + events(List.of(
                                        "2026-01-01",
                                        "2026-04-03",
                                        "2026-04-06",
                                        "2026-05-04",
                                        "2026-05-25",
                                        "2026-08-31",
                                        "2026-12-25",
                                        "2026-12-26"))
                                + "]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2026-12-26 falls on a weekend");
        assertThatThrownBy(() -> WorkingDayCalendar.fromJson(
                        json("{\"division\":\"scotland\",\"firstYear\":2026,\"lastYear\":2026,\"events\":[]}")))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- working days ----------------------------------------------------------------------------------------------

    @Test
    void weekdaysAreWorkingDaysAndWeekendsAreNot() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-23"))).isTrue(); // Monday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-27"))).isTrue(); // Friday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-28"))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-29"))).isFalse(); // Sunday
    }

    @Test
    void bankHolidaysAndSubstituteDaysAreNotWorkingDays() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-05-25"))).isFalse(); // spring bank holiday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-28"))).isFalse(); // Boxing Day, substitute
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-12-27"))).isFalse(); // Christmas Day, substitute
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-12-28"))).isFalse(); // Boxing Day, substitute
        assertThat(calendar.isWorkingDay(LocalDate.parse("2028-01-03"))).isFalse(); // New Year's Day, substitute
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-29"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2028-01-04"))).isTrue();
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
        "2026-11-20, 1, 2026-11-23", // Friday -> Monday
        "2026-11-21, 1, 2026-11-23", // from a Saturday: the day itself never counts
        "2026-11-22, 1, 2026-11-23", // from a Sunday
        "2026-11-23, 5, 2026-11-30", // a working week
        "2026-05-25, 1, 2026-05-26", // from a bank holiday
        "2026-12-24, 1, 2026-12-29", // Christmas Day Friday, weekend, Boxing Day substitute Monday
        "2026-12-18, 10, 2027-01-06", // ESOL across Christmas and New Year
        "2026-12-31, 1, 2027-01-04", // New Year's Day Friday
        "2027-12-24, 1, 2027-12-29", // Christmas and Boxing Day both on the weekend: two substitute days
        "2027-12-31, 1, 2028-01-04", // New Year's Day on a Saturday: substitute Monday 3 January
        "2026-04-02, 1, 2026-04-07", // Easter: Good Friday, weekend, Easter Monday
        "2027-03-25, 1, 2027-03-30", // Easter 2027
        "2028-04-13, 1, 2028-04-18", // Easter 2028
        "2026-11-20, 0, 2026-11-20", // 0 working days: the day itself
        "2026-11-21, 0, 2026-11-21", // ... even a Saturday
    })
    void addsWorkingDays(LocalDate from, int workingDays, LocalDate expected) {
        assertThat(calendar.addWorkingDays(from, workingDays)).isEqualTo(expected);
    }

    // --- deadlines -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "raised {0} London, {1} working days: due {2} London")
    @CsvSource({
        // the examples of the contract
        "2026-11-20T14:00, 1, 2026-11-24T00:00",
        "2026-12-24T09:00, 1, 2026-12-30T00:00",
        // any time of the start day is the same: the day never counts
        "2026-11-20T00:00, 1, 2026-11-24T00:00",
        "2026-11-20T23:59:59, 1, 2026-11-24T00:00",
        // starting on a weekend or a bank holiday
        "2026-11-21T09:00, 1, 2026-11-24T00:00",
        "2026-11-22T18:00, 1, 2026-11-24T00:00",
        "2026-05-25T10:00, 1, 2026-05-27T00:00",
        // Christmas and New Year runs
        "2026-12-18T16:30, 10, 2027-01-07T00:00",
        "2027-12-24T12:00, 1, 2027-12-30T00:00",
        "2027-12-31T12:00, 1, 2028-01-05T00:00",
        // Easter
        "2026-04-02T11:00, 1, 2026-04-08T00:00",
        // 0 working days: the end of the start day, whatever day it is
        "2026-11-18T10:00, 0, 2026-11-19T00:00",
        "2026-11-21T10:00, 0, 2026-11-22T00:00",
    })
    void deadlinesAreTheEndOfTheNthWorkingDayInLondon(LocalDateTime raised, int workingDays, LocalDateTime due) {
        Instant start = raised.atZone(WorkingDayCalendar.LONDON).toInstant();
        Instant deadline = calendar.dueAfterWorkingDays(start, workingDays);
        assertThat(deadline.atZone(WorkingDayCalendar.LONDON).toLocalDateTime()).isEqualTo(due);
    }

    @Test
    void theContractsExamplesAsInstants() {
        assertThat(calendar.dueAfterWorkingDays(Instant.parse("2026-11-20T14:00:00Z"), 1))
                .isEqualTo("2026-11-24T00:00:00Z"); // GMT: London midnight is UTC midnight
        assertThat(calendar.dueAfterWorkingDays(Instant.parse("2026-12-24T10:00:00Z"), 1))
                .isEqualTo("2026-12-30T00:00:00Z");
    }

    /** Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026. */
    @Test
    void deadlinesAcrossClockChangesAreLondonMidnight() {
        // raised Friday before the spring change (GMT), due end of Monday (BST): 23:00 UTC
        Instant spring = calendar.dueAfterWorkingDays(Instant.parse("2026-03-27T10:00:00Z"), 1);
        assertThat(spring).isEqualTo("2026-03-30T23:00:00Z");
        assertLondonMidnight(spring);
        // the 23-hour day itself: raised on Sunday 29 March, 0 working days
        Instant shortDay = calendar.dueAfterWorkingDays(Instant.parse("2026-03-29T12:00:00Z"), 0);
        assertThat(shortDay).isEqualTo("2026-03-29T23:00:00Z");
        assertLondonMidnight(shortDay);
        // raised Friday before the autumn change (BST), due end of Monday (GMT): 00:00 UTC
        Instant autumn = calendar.dueAfterWorkingDays(Instant.parse("2026-10-23T14:00:00Z"), 1);
        assertThat(autumn).isEqualTo("2026-10-27T00:00:00Z");
        assertLondonMidnight(autumn);
        // the 25-hour day itself
        Instant longDay = calendar.dueAfterWorkingDays(Instant.parse("2026-10-25T12:00:00Z"), 0);
        assertThat(longDay).isEqualTo("2026-10-26T00:00:00Z");
        assertLondonMidnight(longDay);
        // ten working days spanning the spring change
        Instant esol = calendar.dueAfterWorkingDays(Instant.parse("2026-03-20T09:00:00Z"), 10);
        assertThat(esol.atZone(WorkingDayCalendar.LONDON).toLocalDateTime())
                .isEqualTo("2026-04-08T00:00"); // 23..27 March, 30 March..2 April, Easter, 7 April: end of that day
        assertLondonMidnight(esol);
    }

    @Test
    void theStartDayIsTheLondonDayNotTheUtcDay() {
        // 23:30 UTC on 30 June is 00:30 BST on Wednesday 1 July: the start day is 1 July
        assertThat(calendar.dueAfterWorkingDays(Instant.parse("2026-06-30T23:30:00Z"), 1))
                .isEqualTo("2026-07-02T23:00:00Z"); // end of Thursday 2 July, BST
        // 23:30 UTC on Friday 20 November is still Friday in London (GMT)
        assertThat(calendar.dueAfterWorkingDays(Instant.parse("2026-11-20T23:30:00Z"), 1))
                .isEqualTo("2026-11-24T00:00:00Z");
    }

    @Test
    void negativeWorkingDaysAreRejected() {
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-11-20"), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.dueAfterWorkingDays(Instant.parse("2026-11-20T10:00:00Z"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void weekdaysOutsideTheKnownYearsAreRefusedNotGuessed() {
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2029-01-01")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2029")
                .hasMessageContaining(WorkingDayCalendar.RESOURCE);
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2023-12-29")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2028-12-29"), 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> calendar.dueAfterWorkingDays(Instant.parse("2028-12-29T10:00:00Z"), 1))
                .isInstanceOf(IllegalStateException.class);
        // weekends never depend on the list
        assertThat(calendar.isWorkingDay(LocalDate.parse("2029-01-06"))).isFalse();
        // the last days of the list still work
        assertThat(calendar.addWorkingDays(LocalDate.parse("2028-12-22"), 1)).isEqualTo("2028-12-27");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private List<String> holidaysIn(int year) {
        return calendar.bankHolidays().stream()
                .filter(date -> date.getYear() == year)
                .map(LocalDate::toString)
                .toList();
    }

    private static void assertLondonMidnight(Instant instant) {
        assertThat(instant.atZone(WorkingDayCalendar.LONDON).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    }

    /**
     * England-and-Wales bank holidays by the standing rules (Banking and Financial Dealings Act 1971 and royal
     * proclamations), computed without the calendar: New Year's Day, Good Friday, Easter Monday, first Monday of May,
     * last Monday of May, last Monday of August, Christmas Day, Boxing Day; a holiday falling on a weekend is
     * observed on the next weekday not already a holiday.
     */
    static List<String> byRules(int year) {
        Set<LocalDate> days = new TreeSet<>();
        LocalDate easter = easterSunday(year);
        days.add(nextWeekday(LocalDate.of(year, Month.JANUARY, 1), days));
        days.add(easter.minusDays(2));
        days.add(easter.plusDays(1));
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        days.add(LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        days.add(nextWeekday(LocalDate.of(year, Month.DECEMBER, 25), days));
        days.add(nextWeekday(LocalDate.of(year, Month.DECEMBER, 26), days));
        return days.stream().map(LocalDate::toString).collect(Collectors.toList());
    }

    private static LocalDate nextWeekday(LocalDate date, Set<LocalDate> taken) {
        LocalDate day = date;
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY
                || day.getDayOfWeek() == DayOfWeek.SUNDAY
                || taken.contains(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** Easter Sunday in the Gregorian calendar: the anonymous (Meeus/Jones/Butcher) algorithm. */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    private static String events(List<String> dates) {
        return dates.stream().map(date -> "{\"date\":\"" + date + "\"}").collect(Collectors.joining(","));
    }

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
