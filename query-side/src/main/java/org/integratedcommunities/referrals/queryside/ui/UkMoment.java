package org.integratedcommunities.referrals.queryside.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A moment entered as people say it in England: a GOV.UK date input ({@code field-day}, {@code -month}, {@code -year})
 * and an optional time beside it ({@code field-hour}, {@code -minute}, {@code -second}, 24-hour clock), read in
 * Europe/London whatever the server's zone. When the clocks go back, an hour that happens twice is its first; when
 * they go forward, a time that does not exist is moved on by the gap. The template half is {@code audit/fragments.html} ({@code moment}).
 */
public final class UkMoment {

    /** Which end of the day a date without a time stands for. */
    public enum DayEnd {
        /** Midnight at its start: "from 3 March" includes 3 March. */
        START,
        /** Midnight at its end: "to 3 March" includes 3 March (the bound is exclusive). */
        END
    }

    private UkMoment() {}

    /**
     * The moment entered in {@code field}'s inputs; empty when nothing was entered or when something entered is not a
     * real date or time (then the form has the field's problem, linking to the day or the hour).
     */
    public static Optional<Instant> read(Form form, String field, String label, DayEnd withoutTime) {
        Optional<LocalDate> date = form.date(field, false, null, label);
        String hour = form.value(field + "-hour");
        String minute = form.value(field + "-minute");
        String second = form.value(field + "-second");
        boolean noTime = hour.isEmpty() && minute.isEmpty() && second.isEmpty();
        if (form.error(field) != null) {
            return Optional.empty();
        }
        if (date.isEmpty()) {
            if (!noTime) {
                form.reject(field, form.id(field) + "-day", label + " must include a date");
            }
            return Optional.empty();
        }
        if (noTime) {
            LocalDate day = withoutTime == DayEnd.END ? date.get().plusDays(1) : date.get();
            return Optional.of(london(day.atStartOfDay()));
        }
        Integer h = number(hour, 23, false);
        Integer m = number(minute, 59, true);
        Integer s = number(second, 59, true);
        if (h == null || m == null || s == null) {
            form.reject(field, form.id(field) + "-hour", label + " must be a real time, from 0:00:00 to 23:59:59");
            return Optional.empty();
        }
        return Optional.of(london(LocalDateTime.of(date.get(), LocalTime.of(h, m, s))));
    }

    /** A from-to filter: either end may be open (null); {@code to} is exclusive. */
    public record Period(Instant from, Instant to) {}

    /**
     * The period entered in a filter form's {@code from} and {@code to} moments (a date alone: from the start of that
     * day, to the end of that one); empty, with the form's problems, when either is not real or {@code to} is not
     * after {@code from}.
     */
    public static Optional<Period> period(Form form) {
        Optional<Instant> from = read(form, "from", "From", DayEnd.START);
        Optional<Instant> to = read(form, "to", "To", DayEnd.END);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            form.reject("to", form.id("to") + "-day", "To must be after from");
        }
        if (form.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Period(from.orElse(null), to.orElse(null)));
    }

    /** Fills {@code field}'s inputs with {@code moment} in London time, to the second, as the form shows it. */
    public static Form fill(Form form, String field, Instant moment) {
        LocalDateTime local = LocalDateTime.ofInstant(moment, UkTime.LONDON);
        return form.suggesting(field + "-day", String.valueOf(local.getDayOfMonth()))
                .suggesting(field + "-month", String.valueOf(local.getMonthValue()))
                .suggesting(field + "-year", String.valueOf(local.getYear()))
                .suggesting(field + "-hour", String.valueOf(local.getHour()))
                .suggesting(field + "-minute", String.format("%02d", local.getMinute()))
                .suggesting(field + "-second", String.format("%02d", local.getSecond()));
    }

    private static Instant london(LocalDateTime local) {
        return ZonedDateTime.ofLocal(local, UkTime.LONDON, null).toInstant();
    }

    /** A number from 0 to {@code max}; blank is 0 when {@code blankIsZero}; null when not such a number. */
    private static Integer number(String text, int max, boolean blankIsZero) {
        if (text.isEmpty()) {
            return blankIsZero ? 0 : null;
        }
        if (!text.matches("\\d{1,2}")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value <= max ? value : null;
    }
}
