package org.integratedcommunities.referrals.queryside.indicators;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.integratedcommunities.referrals.kernel.referral.ConcernCategory;
import org.integratedcommunities.referrals.kernel.referral.DeclineReason;
import org.integratedcommunities.referrals.kernel.referral.EmploymentOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.EsolLevel;
import org.integratedcommunities.referrals.kernel.referral.EsolOutcomeKind;
import org.integratedcommunities.referrals.kernel.referral.MoveOnNeed;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.kernel.referral.SafeguardingAction;
import org.integratedcommunities.referrals.queryside.indicators.SmallNumbers.Cell;

/**
 * The partnership's indicators for a period, as published: every count a {@link SuppressedCount}, every median and
 * percentage a {@link SuppressedFigure}, all made by {@link SmallNumbers}. Every figure is about the referrals made in
 * the period (month by month, Europe/London), whatever became of them later. Aggregated figures only: no referral, no
 * person, no free text.
 */
@Schema(description = "The partnership's indicators for the referrals made in a period; small numbers suppressed")
public record PartnershipIndicators(
        @Schema(example = "bradford") String partnershipId,

        @Schema(description = "The first month, YYYY-MM", example = "2025-12")
        String from,

        @Schema(description = "The last month, YYYY-MM", example = "2026-11")
        String to,

        Referrals referrals,

        @Schema(description = "Time to acknowledge, per referral type")
        List<AcknowledgementByType> acknowledgement,

        Declines declines,
        Outcomes outcomes) {

    @Schema(description = "Referrals made, by month, type and the agency that now has them; with their totals")
    public record Referrals(
            SuppressedCount total,
            List<ByType> byType,

            @Schema(description = "Every receiving agency with a referral in the period")
            List<ByAgency> byReceivingAgency,

            @Schema(description = "Only the combinations with a referral: any other counted 0")
            List<ByMonthTypeAndAgency> byMonthTypeAndAgency,

            @Schema(
                    description = "The same by month and type, all agencies together; only the combinations with a"
                            + " referral: any other counted 0")
            List<ByMonthAndType> byMonthAndType) {}

    public record ByMonthAndType(
            @Schema(example = "2026-03") String month, ReferralType type, SuppressedCount referrals) {}

    public record ByType(ReferralType type, SuppressedCount referrals) {}

    public record ByAgency(String receivingAgencyId, SuppressedCount referrals) {}

    public record ByMonthTypeAndAgency(
            @Schema(example = "2026-03") String month,
            ReferralType type,
            String receivingAgencyId,
            SuppressedCount referrals) {}

    @Schema(
            description = "Acknowledged means accepted, declined or returned with a question: each stops the SLA's"
                    + " clock. Hours count from when the referral was made. `slaDue` = `acknowledged` +"
                    + " `overdueUnacknowledged`: the referrals whose SLA result is known.")
    public record AcknowledgementByType(
            ReferralType type,

            @Schema(description = "Acknowledged, on time or late")
            SuppressedCount acknowledged,

            @Schema(description = "Of those acknowledged") SuppressedFigure medianHoursToAcknowledge,

            @Schema(description = "The deadline passed and not acknowledged (yet)")
            SuppressedCount overdueUnacknowledged,

            SuppressedCount slaDue,

            @Schema(
                    description =
                            "Of `slaDue`, the percentage acknowledged by the deadline in force, to a whole number")
            SuppressedFigure percentWithinSla) {}

    @Schema(description = "Declines, by reason: a referral declined twice (after a redirect) counts twice")
    public record Declines(SuppressedCount total, List<Count> byReason) {}

    public record Outcomes(
            Employment employment,
            Esol esol,
            List<MoveOnNeedMet> moveOnNeeds,
            OutOfSchoolConcerns outOfSchoolConcerns) {}

    @Schema(description = "Employment support outcomes recorded; job starts by hours per week")
    public record Employment(
            SuppressedCount total,
            List<Count> byKind,
            SuppressedCount jobStarts,

            @Schema(description = "UNDER_16, FROM_16_TO_29 or FROM_30 hours per week")
            List<Count> jobStartsByHoursPerWeek) {}

    @Schema(description = "ESOL outcomes recorded; placements on a course by level")
    public record Esol(
            SuppressedCount total, List<Count> byKind, SuppressedCount placements, List<Count> placementsByLevel) {}

    @Schema(
            description = "Per move-on need of refugee post-grant referrals: met by the end of the move-on period (the"
                    + " day it ends included), not met by its end, or still open (the period not over yet)")
    public record MoveOnNeedMet(
            MoveOnNeed need,
            SuppressedCount referrals,
            SuppressedCount metBeforeDeadline,
            SuppressedCount notMetByDeadline,
            SuppressedCount stillOpen) {}

    @Schema(
            description = "Out-of-school-settings concerns by category and by action taken. A concern may have"
                    + " several categories and actions, so the parts may add up to more than the total.")
    public record OutOfSchoolConcerns(
            SuppressedCount concerns,
            List<Count> byCategory,

            @Schema(description = "Concerns whose outcome is recorded")
            SuppressedCount withOutcome,

            List<Count> byAction) {}

    /** One category of a breakdown and its count. */
    public record Count(@Schema(example = "NO_CAPACITY") String category, SuppressedCount number) {}

    /** Publishes the exact figures with small numbers suppressed, each total together with its parts. */
    static PartnershipIndicators publish(String partnershipId, YearMonth from, YearMonth to, ExactFigures exact) {
        return new PartnershipIndicators(
                partnershipId,
                from.toString(),
                to.toString(),
                referrals(exact.referrals()),
                exact.acknowledgement().entrySet().stream()
                        .map(entry -> acknowledgement(entry.getKey(), entry.getValue()))
                        .toList(),
                declines(exact.declinesByReason()),
                new Outcomes(
                        employment(exact),
                        esol(exact),
                        exact.moveOnNeeds().entrySet().stream()
                                .map(entry -> moveOnNeed(entry.getKey(), entry.getValue()))
                                .toList(),
                        concerns(exact)));
    }

    /**
     * The cells, with totals by month and type, by type, by agency and overall in one table: a cell suppressed for its
     * type's total is also protected in its agency's total, and a type's or an agency's total in the overall total;
     * a month's count of a type is the total of its agencies' cells and a part of its type's total.
     */
    private static Referrals referrals(List<ExactFigures.ReferralCell> exactCells) {
        Map<ReferralType, Long> byType = new EnumMap<>(ReferralType.class);
        for (ReferralType type : ReferralType.values()) {
            byType.put(type, 0L);
        }
        Map<String, Long> byAgency = new TreeMap<>();
        long all = 0;
        for (ExactFigures.ReferralCell cell : exactCells) {
            byType.merge(cell.type(), cell.referrals(), Long::sum);
            byAgency.merge(cell.receivingAgencyId(), cell.referrals(), Long::sum);
            all += cell.referrals();
        }
        SmallNumbers.Table table = new SmallNumbers.Table();
        Cell total = table.cell(all);
        Map<ReferralType, Cell> typeCells = cells(table, byType);
        Map<String, Cell> agencyCells = cells(table, byAgency);
        Map<ReferralType, List<Cell>> partsOfType = new EnumMap<>(ReferralType.class);
        Map<String, List<Cell>> partsOfAgency = new TreeMap<>();
        List<Cell> cells = new ArrayList<>();
        for (ExactFigures.ReferralCell exact : exactCells) {
            Cell cell = table.cell(exact.referrals());
            cells.add(cell);
            partsOfType.computeIfAbsent(exact.type(), type -> new ArrayList<>()).add(cell);
            partsOfAgency
                    .computeIfAbsent(exact.receivingAgencyId(), agency -> new ArrayList<>())
                    .add(cell);
        }
        Map<MonthAndType, List<Integer>> cellsOfMonthAndType = new TreeMap<>();
        for (int i = 0; i < exactCells.size(); i++) {
            ExactFigures.ReferralCell exact = exactCells.get(i);
            cellsOfMonthAndType
                    .computeIfAbsent(new MonthAndType(exact.month(), exact.type()), key -> new ArrayList<>())
                    .add(i);
        }
        Map<MonthAndType, Cell> monthAndTypeCells = new LinkedHashMap<>();
        Map<ReferralType, List<Cell>> monthsOfType = new EnumMap<>(ReferralType.class);
        cellsOfMonthAndType.forEach((key, indexes) -> {
            Cell monthAndType = table.cell(indexes.stream()
                    .mapToLong(i -> exactCells.get(i).referrals())
                    .sum());
            table.total(monthAndType, indexes.stream().map(cells::get).toList());
            monthAndTypeCells.put(key, monthAndType);
            monthsOfType.computeIfAbsent(key.type(), type -> new ArrayList<>()).add(monthAndType);
        });
        table.total(total, List.copyOf(typeCells.values())).total(total, List.copyOf(agencyCells.values()));
        partsOfType.forEach((type, parts) -> table.total(typeCells.get(type), parts));
        monthsOfType.forEach((type, months) -> table.total(typeCells.get(type), months));
        partsOfAgency.forEach((agency, parts) -> table.total(agencyCells.get(agency), parts));

        List<ByMonthTypeAndAgency> published = new ArrayList<>();
        for (int i = 0; i < exactCells.size(); i++) {
            ExactFigures.ReferralCell exact = exactCells.get(i);
            published.add(new ByMonthTypeAndAgency(
                    exact.month().toString(), exact.type(), exact.receivingAgencyId(), table.publish(cells.get(i))));
        }
        return new Referrals(
                table.publish(total),
                typeCells.entrySet().stream()
                        .map(entry -> new ByType(entry.getKey(), table.publish(entry.getValue())))
                        .toList(),
                agencyCells.entrySet().stream()
                        .map(entry -> new ByAgency(entry.getKey(), table.publish(entry.getValue())))
                        .toList(),
                published,
                monthAndTypeCells.entrySet().stream()
                        .map(entry -> new ByMonthAndType(
                                entry.getKey().month().toString(),
                                entry.getKey().type(),
                                table.publish(entry.getValue())))
                        .toList());
    }

    /** A month and a referral type, in the order of months and then of the types' vocabulary. */
    private record MonthAndType(YearMonth month, ReferralType type) implements Comparable<MonthAndType> {
        @Override
        public int compareTo(MonthAndType other) {
            int byMonth = month.compareTo(other.month);
            return byMonth != 0 ? byMonth : type.compareTo(other.type);
        }
    }

    private static AcknowledgementByType acknowledgement(ReferralType type, ExactFigures.Acknowledgement exact) {
        long due = exact.acknowledged() + exact.overdueUnacknowledged();
        SmallNumbers.Table table = new SmallNumbers.Table();
        Cell acknowledged = table.cell(exact.acknowledged());
        Cell overdue = table.cell(exact.overdueUnacknowledged());
        Cell slaDue = table.cell(due);
        table.total(slaDue, List.of(acknowledged, overdue));
        return new AcknowledgementByType(
                type,
                table.publish(acknowledged),
                SmallNumbers.medianHours(exact.medianHours(), exact.acknowledged()),
                table.publish(overdue),
                table.publish(slaDue),
                SmallNumbers.percent(exact.withinSla(), due));
    }

    private static Declines declines(Map<DeclineReason, Long> byReason) {
        SmallNumbers.Table table = new SmallNumbers.Table();
        Map<DeclineReason, Cell> parts = cells(table, all(DeclineReason.class, byReason));
        Cell total = table.cell(sum(byReason));
        table.total(total, List.copyOf(parts.values()));
        return new Declines(table.publish(total), counts(table, parts));
    }

    private static Employment employment(ExactFigures exact) {
        SmallNumbers.Table table = new SmallNumbers.Table();
        Map<EmploymentOutcomeKind, Cell> byKind =
                cells(table, all(EmploymentOutcomeKind.class, exact.employmentOutcomesByKind()));
        Cell total = table.cell(sum(exact.employmentOutcomesByKind()));
        Map<HoursBand, Cell> byBand = cells(table, all(HoursBand.class, exact.jobStartsByHoursBand()));
        Cell jobStarts = byKind.get(EmploymentOutcomeKind.JOB_START);
        table.total(total, List.copyOf(byKind.values())).total(jobStarts, List.copyOf(byBand.values()));
        return new Employment(
                table.publish(total), counts(table, byKind), table.publish(jobStarts), counts(table, byBand));
    }

    private static Esol esol(ExactFigures exact) {
        SmallNumbers.Table table = new SmallNumbers.Table();
        Map<EsolOutcomeKind, Cell> byKind = cells(table, all(EsolOutcomeKind.class, exact.esolOutcomesByKind()));
        Cell total = table.cell(sum(exact.esolOutcomesByKind()));
        Map<EsolLevel, Cell> byLevel = cells(table, all(EsolLevel.class, exact.esolPlacementsByLevel()));
        Cell placements = byKind.get(EsolOutcomeKind.PLACED_ON_COURSE);
        table.total(total, List.copyOf(byKind.values())).total(placements, List.copyOf(byLevel.values()));
        return new Esol(table.publish(total), counts(table, byKind), table.publish(placements), counts(table, byLevel));
    }

    private static MoveOnNeedMet moveOnNeed(MoveOnNeed need, ExactFigures.MoveOnNeedCounts exact) {
        SmallNumbers.Table table = new SmallNumbers.Table();
        Cell referrals = table.cell(exact.referrals());
        Cell met = table.cell(exact.metInTime());
        Cell notMet = table.cell(exact.notMetInTime());
        Cell open = table.cell(exact.referrals() - exact.metInTime() - exact.notMetInTime());
        table.total(referrals, List.of(met, notMet, open));
        return new MoveOnNeedMet(
                need, table.publish(referrals), table.publish(met), table.publish(notMet), table.publish(open));
    }

    /** Categories and actions overlap, so their parts do not add up; each total is still published with its parts. */
    private static OutOfSchoolConcerns concerns(ExactFigures exact) {
        SmallNumbers.Table table = new SmallNumbers.Table();
        Cell concerns = table.cell(exact.concerns());
        Map<ConcernCategory, Cell> byCategory = cells(table, all(ConcernCategory.class, exact.concernsByCategory()));
        Cell withOutcome = table.cell(exact.concernsWithOutcome());
        Map<SafeguardingAction, Cell> byAction = cells(table, all(SafeguardingAction.class, exact.concernsByAction()));
        table.total(concerns, List.copyOf(byCategory.values())).total(withOutcome, List.copyOf(byAction.values()));
        return new OutOfSchoolConcerns(
                table.publish(concerns),
                counts(table, byCategory),
                table.publish(withOutcome),
                counts(table, byAction));
    }

    /** Every value of the vocabulary, in its order, zero where not counted. */
    private static <E extends Enum<E>> Map<E, Long> all(Class<E> vocabulary, Map<E, Long> counted) {
        Map<E, Long> all = new EnumMap<>(vocabulary);
        for (E value : vocabulary.getEnumConstants()) {
            all.put(value, counted.getOrDefault(value, 0L));
        }
        return all;
    }

    private static <K> Map<K, Cell> cells(SmallNumbers.Table table, Map<K, Long> counts) {
        Map<K, Cell> cells = new LinkedHashMap<>();
        counts.forEach((key, count) -> cells.put(key, table.cell(count)));
        return cells;
    }

    private static <K> List<Count> counts(SmallNumbers.Table table, Map<K, Cell> cells) {
        Function<K, String> name = key -> key instanceof Enum<?> value ? value.name() : String.valueOf(key);
        return cells.entrySet().stream()
                .map(entry -> new Count(name.apply(entry.getKey()), table.publish(entry.getValue())))
                .toList();
    }

    private static long sum(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
