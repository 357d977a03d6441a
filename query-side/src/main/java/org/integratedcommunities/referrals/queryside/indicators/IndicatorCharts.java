package org.integratedcommunities.referrals.queryside.indicators;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.integratedcommunities.referrals.kernel.referral.ReferralType;
import org.integratedcommunities.referrals.queryside.directory.AgencyNames;
import org.integratedcommunities.referrals.queryside.indicators.PartnershipIndicators.AcknowledgementByType;
import org.integratedcommunities.referrals.queryside.indicators.PartnershipIndicators.ByMonthAndType;
import org.integratedcommunities.referrals.queryside.indicators.PartnershipIndicators.Count;
import org.integratedcommunities.referrals.queryside.ui.BarChart;
import org.integratedcommunities.referrals.queryside.ui.BarChart.Bar;
import org.integratedcommunities.referrals.queryside.ui.Labels;

/**
 * The indicators page's charts, made from the published indicators only ({@link PartnershipIndicators}, small numbers
 * already suppressed): never from exact figures, so the page cannot show what the API would not.
 */
final class IndicatorCharts {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * One chart and its figures as a table.
     *
     * @param id the figure's id on the page
     * @param title what it shows, the figure's caption
     * @param category the table's first column: what each bar is for
     * @param figure the table's second column: what the figures are
     * @param bars the bars, which are also the table's rows
     * @param svg the chart drawn
     */
    record Chart(String id, String title, String category, String figure, List<Bar> bars, String svg) {}

    /** Charts under one heading. */
    record Section(String id, String heading, List<Chart> charts) {}

    private final Labels labels;

    IndicatorCharts(Labels labels) {
        this.labels = labels;
    }

    static String month(YearMonth month) {
        return month.format(MONTH);
    }

    /** The charts of the indicators; {@code agencies} names the receiving agencies. */
    List<Section> of(PartnershipIndicators indicators, AgencyNames agencies) {
        List<Chart> referrals = new ArrayList<>(referrals(indicators));
        referrals.add(chart(
                "referrals-by-agency",
                "Referrals by the agency that has them now",
                "Agency",
                "Referrals",
                indicators.referrals().byReceivingAgency().stream()
                        .map(agency -> bar(agencies.of(agency.receivingAgencyId()), agency.referrals()))
                        .toList(),
                null));
        return List.of(
                new Section("referrals", "Referrals made", referrals),
                new Section("acknowledgement", "Time to acknowledge", acknowledgement(indicators.acknowledgement())),
                new Section("declines", "Declines", List.of(declines(indicators.declines()))),
                new Section("outcomes", "Outcomes", outcomes(indicators.outcomes())));
    }

    /** One chart per referral type, a bar per month of the period (0 where none was made). */
    private List<Chart> referrals(PartnershipIndicators indicators) {
        YearMonth from = YearMonth.parse(indicators.from());
        YearMonth to = YearMonth.parse(indicators.to());
        Map<String, SuppressedCount> published = new LinkedHashMap<>();
        for (ByMonthAndType cell : indicators.referrals().byMonthAndType()) {
            published.put(cell.month() + " " + cell.type(), cell.referrals());
        }
        List<Chart> charts = new ArrayList<>();
        for (ReferralType type : ReferralType.values()) {
            List<Bar> bars = new ArrayList<>();
            for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                bars.add(bar(month(month), published.getOrDefault(month + " " + type, SuppressedCount.exactly(0))));
            }
            charts.add(chart(
                    "referrals-" + slug(type.name()),
                    labels.type(type) + ": referrals made each month",
                    "Month",
                    "Referrals",
                    bars,
                    null));
        }
        return charts;
    }

    private List<Chart> acknowledgement(List<AcknowledgementByType> byType) {
        List<Bar> median = new ArrayList<>();
        List<Bar> withinSla = new ArrayList<>();
        for (AcknowledgementByType type : byType) {
            median.add(bar(labels.type(type.type()), type.medianHoursToAcknowledge()));
            withinSla.add(bar(labels.type(type.type()), type.percentWithinSla()));
        }
        return List.of(
                chart(
                        "acknowledgement-median",
                        "Median time to acknowledge, in hours",
                        "Referral type",
                        "Median hours",
                        median,
                        null),
                chart(
                        "acknowledgement-within-sla",
                        "Acknowledged within the SLA, as a percentage of those due",
                        "Referral type",
                        "Percentage",
                        withinSla,
                        HUNDRED));
    }

    private Chart declines(PartnershipIndicators.Declines declines) {
        return chart(
                "declines-by-reason",
                "Declines by reason (total " + declines.total().display() + ")",
                "Reason",
                "Declines",
                counts(declines.byReason()),
                null);
    }

    private List<Chart> outcomes(PartnershipIndicators.Outcomes outcomes) {
        List<Bar> moveOn = outcomes.moveOnNeeds().stream()
                .map(need -> bar(labels.words(need.need().name()), need.metBeforeDeadline()))
                .toList();
        return List.of(
                chart(
                        "outcomes-employment",
                        labels.type(ReferralType.EMPLOYMENT_SUPPORT) + ": outcomes by kind (total "
                                + outcomes.employment().total().display() + ")",
                        "Outcome",
                        "Referrals",
                        counts(outcomes.employment().byKind()),
                        null),
                chart(
                        "outcomes-esol",
                        labels.type(ReferralType.ESOL_PLACEMENT) + ": outcomes by kind (total "
                                + outcomes.esol().total().display() + ")",
                        "Outcome",
                        "Referrals",
                        counts(outcomes.esol().byKind()),
                        null),
                chart(
                        "outcomes-move-on",
                        labels.type(ReferralType.REFUGEE_POST_GRANT)
                                + ": move-on needs met by the end of the move-on period",
                        "Need",
                        "Met in time",
                        moveOn,
                        null),
                chart(
                        "outcomes-concerns",
                        labels.type(ReferralType.OUT_OF_SCHOOL_SETTINGS_CONCERN) + ": action taken (concerns "
                                + outcomes.outOfSchoolConcerns().concerns().display() + ")",
                        "Action",
                        "Concerns",
                        counts(outcomes.outOfSchoolConcerns().byAction()),
                        null));
    }

    private List<Bar> counts(List<Count> counts) {
        return counts.stream()
                .map(count -> bar(labels.words(count.category()), count.number()))
                .toList();
    }

    private static Chart chart(
            String id, String title, String category, String figure, List<Bar> bars, BigDecimal maximum) {
        return new Chart(id, title, category, figure, bars, BarChart.svg(bars, maximum));
    }

    static Bar bar(String label, SuppressedCount count) {
        return new Bar(label, count.count() == null ? null : BigDecimal.valueOf(count.count()), count.display());
    }

    static Bar bar(String label, SuppressedFigure figure) {
        return new Bar(label, figure.value(), figure.display());
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
