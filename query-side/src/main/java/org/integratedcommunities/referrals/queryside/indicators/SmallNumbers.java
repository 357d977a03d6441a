package org.integratedcommunities.referrals.queryside.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Small-number suppression, as in UK official statistics: the indicators never publish a number of referrals from 1 to
 * 4, nor anything that gives one away. Every count and figure the indicators publish is made here.
 *
 * <ul>
 *   <li><b>Primary:</b> a count from 1 to 4 is published as {@code "<5"}, the exact number withheld. Zero is published
 *       as 0: that nobody was referred discloses nobody.
 *   <li><b>Figures:</b> a median or a percentage computed from fewer than 5 referrals is withheld ({@code "[c]"}); from
 *       none it is not applicable ({@code "[z]"}).
 *   <li><b>Secondary</b> ({@link Table}): wherever a total is published together with its parts, if exactly one part
 *       is suppressed then the smallest other non-zero part is suppressed too, since the total minus the others would
 *       give it away; and a total that is suppressed while none of its parts is gets its smallest non-zero part
 *       suppressed, since the parts would add up to it. A total under 5 is itself {@code "<5"} by the primary rule.
 *       The rules are applied until nothing changes, so a cell suppressed for one total is protected in every other
 *       total it belongs to.
 * </ul>
 *
 * <p>Every suppressed count shows the same marker, {@code "<5"}, whether it is small itself or suppressed to protect
 * one that is: with two markers a reader could tell which cell is the small one, and with the total sometimes work it
 * out exactly (a total of 11 with a small cell and a protecting 5 beside zeros leaves only 1 and 5). So {@code "<5"}
 * reads "suppressed", as the API's documentation says, not always "fewer than five".
 *
 * <p>What this does not do: audit linked tables for every possible deduction (as specialist tools do), or protect
 * against differencing two requests for overlapping periods. Each published total, with its parts, is protected on
 * its own terms.
 */
final class SmallNumbers {

    /** The smallest count published exactly, apart from zero. */
    static final int THRESHOLD = 5;

    static final String SUPPRESSED = "<5";
    /** Withheld: the Government Statistical Service's shorthand for "confidential". */
    static final String WITHHELD = "[c]";
    /** Not applicable: nothing to compute the figure from. */
    static final String NOT_APPLICABLE = "[z]";

    private SmallNumbers() {}

    /** Whether a count must not be published exactly: from 1 to 4. */
    static boolean isSmall(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("A count cannot be negative: " + count);
        }
        return count > 0 && count < THRESHOLD;
    }

    /** A count published on its own, with no total or parts beside it: the primary rule only. */
    static SuppressedCount count(long exact) {
        return isSmall(exact) ? SuppressedCount.hidden() : SuppressedCount.exactly(exact);
    }

    /** A median of hours, to one decimal place; withheld if computed from fewer than 5 referrals. */
    static SuppressedFigure medianHours(Double median, long referrals) {
        if (referrals == 0 || median == null) {
            return notApplicable();
        }
        if (referrals < THRESHOLD) {
            return withheld();
        }
        return figure(BigDecimal.valueOf(median).setScale(1, RoundingMode.HALF_UP));
    }

    /** {@code part} as a whole-number percentage of {@code whole}; withheld if {@code whole} is under 5. */
    static SuppressedFigure percent(long part, long whole) {
        if (part < 0 || part > whole) {
            throw new IllegalArgumentException("Not a part of its whole: " + part + " of " + whole);
        }
        if (whole == 0) {
            return notApplicable();
        }
        if (whole < THRESHOLD) {
            return withheld();
        }
        return figure(BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP));
    }

    private static SuppressedFigure figure(BigDecimal value) {
        return new SuppressedFigure(value, value.toPlainString(), false);
    }

    private static SuppressedFigure withheld() {
        return new SuppressedFigure(null, WITHHELD, true);
    }

    private static SuppressedFigure notApplicable() {
        return new SuppressedFigure(null, NOT_APPLICABLE, false);
    }

    /**
     * Counts published together, some of them totals of others: add every count ({@link #cell}), say which are totals
     * of which ({@link #total}), then {@link #publish} each. The first {@code publish} settles the suppression of the
     * whole table; nothing can be added after it.
     */
    static final class Table {

        private final List<Cell> cells = new ArrayList<>();
        private final List<Group> groups = new ArrayList<>();
        private boolean settled;

        /** A count of this table. */
        Cell cell(long exact) {
            requireOpen();
            if (exact < 0) {
                throw new IllegalArgumentException("A count cannot be negative: " + exact);
            }
            Cell cell = new Cell(exact, cells.size());
            cells.add(cell);
            return cell;
        }

        /** Publishes {@code total} together with {@code parts}: one cell may be in many such groups. */
        Table total(Cell total, List<Cell> parts) {
            requireOpen();
            groups.add(new Group(total, List.copyOf(parts)));
            return this;
        }

        SuppressedCount publish(Cell cell) {
            if (!settled) {
                settle();
            }
            return cell.suppressed ? SuppressedCount.hidden() : SuppressedCount.exactly(cell.exact);
        }

        private void settle() {
            settled = true;
            cells.forEach(cell -> cell.suppressed = isSmall(cell.exact));
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Group group : groups) {
                    changed |= protect(group);
                }
            }
        }

        /** Suppresses one more cell if the group as published would give a suppressed one away; true if it did. */
        private static boolean protect(Group group) {
            long hiddenParts =
                    group.parts.stream().filter(part -> part.suppressed).count();
            if (!group.total.suppressed && hiddenParts == 1) {
                // total - the others = the hidden part
                Optional<Cell> next = smallestPublishedNonZero(group.parts);
                if (next.isPresent()) {
                    next.get().suppressed = true;
                } else {
                    // Only zeros beside it, so the total is the hidden part: cannot happen when the parts add up to
                    // the total (it would be under 5 itself), but a table that says otherwise is still not let through.
                    group.total.suppressed = true;
                }
                return true;
            }
            if (group.total.suppressed && hiddenParts == 0) {
                // the sum of the parts = the hidden total
                Optional<Cell> next = smallestPublishedNonZero(group.parts);
                next.ifPresent(cell -> cell.suppressed = true);
                return next.isPresent();
            }
            return false;
        }

        private static Optional<Cell> smallestPublishedNonZero(List<Cell> parts) {
            return parts.stream()
                    .filter(part -> !part.suppressed && part.exact > 0)
                    .min(Comparator.comparingLong((Cell part) -> part.exact).thenComparingInt(part -> part.order));
        }

        private void requireOpen() {
            if (settled) {
                throw new IllegalStateException("The table is already published");
            }
        }
    }

    /** One count of a {@link Table}. */
    static final class Cell {

        private final long exact;
        private final int order;
        private boolean suppressed;

        private Cell(long exact, int order) {
            this.exact = exact;
            this.order = order;
        }
    }

    private record Group(Cell total, List<Cell> parts) {}
}
