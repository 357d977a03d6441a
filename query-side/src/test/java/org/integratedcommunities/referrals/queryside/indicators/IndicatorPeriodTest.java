package org.integratedcommunities.referrals.queryside.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorPeriodTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void withoutParametersItIsTheLastTwelveMonthsIncludingTheCurrentOne() {
        assertThat(IndicatorPeriod.parse(null, null, NOW).period())
                .isEqualTo(new IndicatorPeriod(YearMonth.of(2025, 12), NOW));
    }

    @Test
    void eitherEndMayBeLeftOut() {
        assertThat(IndicatorPeriod.parse("2026-03", null, NOW).period())
                .isEqualTo(new IndicatorPeriod(YearMonth.of(2026, 3), NOW));
        assertThat(IndicatorPeriod.parse(null, "2026-06", NOW).period())
                .isEqualTo(new IndicatorPeriod(YearMonth.of(2025, 7), YearMonth.of(2026, 6)));
        assertThat(IndicatorPeriod.parse("2026-06", "2026-06", NOW).period())
                .isEqualTo(new IndicatorPeriod(YearMonth.of(2026, 6), YearMonth.of(2026, 6)));
    }

    @Test
    void monthsMustBeWrittenYearDashMonth() {
        for (String bad : List.of("2026-3", "2026-13", "March", "2026-03-01", "", "26-03")) {
            assertThat(fields(IndicatorPeriod.parse(bad, null, NOW))).as(bad).containsExactly("from");
        }
        assertThat(IndicatorPeriod.parse(" 2026-03 ", null, NOW).period()).isNotNull();
    }

    @Test
    void aReversedPeriodIsRefused() {
        assertThat(errors(IndicatorPeriod.parse("2026-05", "2026-04", NOW)))
                .containsExactly(Map.of("field", "from", "message", "must not be after to"));
    }

    @Test
    void aPeriodLongerThanThirtySixMonthsIsRefused() {
        assertThat(IndicatorPeriod.parse("2023-12", "2026-11", NOW).period())
                .as("36 months")
                .isNotNull();
        assertThat(fields(IndicatorPeriod.parse("2023-11", "2026-11", NOW))).containsExactly("to");
    }

    @Test
    void monthsAfterTheCurrentOneAreRefused() {
        assertThat(fields(IndicatorPeriod.parse(null, "2026-12", NOW))).containsExactly("to");
        assertThat(fields(IndicatorPeriod.parse("2027-01", null, NOW))).containsExactly("from");
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        assertThat(fields(IndicatorPeriod.parse("x", "y", NOW))).containsExactlyInAnyOrder("from", "to");
    }

    private static List<String> fields(IndicatorPeriod.Parsed parsed) {
        assertThat(parsed.period()).isNull();
        return errors(parsed).stream().map(error -> error.get("field")).toList();
    }

    private static List<Map<String, String>> errors(IndicatorPeriod.Parsed parsed) {
        return parsed.errors();
    }
}
