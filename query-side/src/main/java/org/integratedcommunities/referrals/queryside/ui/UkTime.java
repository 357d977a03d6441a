package org.integratedcommunities.referrals.queryside.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Dates and times as GOV.UK writes them, in England's time whatever the server's zone: "25 November 2026", "2:05pm",
 * "9am", "midday", "midnight". Templates use it as {@code @ukTime}.
 */
@Component("ukTime")
public class UkTime {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(LONDON));
    }

    public String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public String time(Instant instant) {
        if (instant == null) {
            return "";
        }
        LocalTime time = instant.atZone(LONDON).toLocalTime().withSecond(0).withNano(0);
        if (time.equals(LocalTime.MIDNIGHT)) {
            return "midnight";
        }
        if (time.equals(LocalTime.NOON)) {
            return "midday";
        }
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        String minutes = time.getMinute() == 0 ? "" : String.format(":%02d", time.getMinute());
        return hour + minutes + (time.getHour() < 12 ? "am" : "pm");
    }

    /** "25 November 2026 at 2:05pm". */
    public String dateTime(Instant instant) {
        return instant == null ? "" : date(instant) + " at " + time(instant);
    }

    /** To the second, for auditors, whose events can be seconds apart: "25 November 2026 at 2:05:09pm". */
    public String preciseDateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        LocalTime time = instant.atZone(LONDON).toLocalTime();
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        return date(instant)
                + String.format(
                        " at %d:%02d:%02d%s",
                        hour, time.getMinute(), time.getSecond(), time.getHour() < 12 ? "am" : "pm");
    }

    /** Machine-readable, for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null
                ? ""
                : ZonedDateTime.ofInstant(instant, LONDON).toOffsetDateTime().toString();
    }
}
