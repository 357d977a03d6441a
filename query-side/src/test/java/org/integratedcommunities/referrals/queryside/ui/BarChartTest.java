package org.integratedcommunities.referrals.queryside.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.integratedcommunities.referrals.queryside.ui.BarChart.Bar;
import org.junit.jupiter.api.Test;

class BarChartTest {

    private static final Pattern BAR_WIDTH = Pattern.compile("<rect [^>]*width=\"([0-9.]+)\"");

    @Test
    void theLargestFigureFillsThePlotAndTheOthersAreInProportion() {
        String svg = BarChart.svg(List.of(bar("ESOL placement", 20), bar("Employment support", 5), bar("None", 0)));

        assertThat(widths(svg)).containsExactly(BarChart.PLOT_WIDTH + ".0", (BarChart.PLOT_WIDTH / 4) + ".0");
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .endsWith("</svg>")
                .contains(">ESOL placement</text>", ">20</text>", ">5</text>", ">None</text>", ">0</text>")
                .contains("viewBox=\"0 0 640 96\"")
                .doesNotContain("style=");
    }

    @Test
    void aFixedMaximumSetsTheScale() {
        String svg = BarChart.svg(List.of(bar("Within SLA", 50), bar("Over", 150)), BigDecimal.valueOf(100));

        assertThat(widths(svg))
                .as("half of 100 is half the plot; a figure over the maximum fills it and no more")
                .containsExactly(
                        BigDecimal.valueOf(BarChart.PLOT_WIDTH / 2.0)
                                .setScale(1)
                                .toPlainString(),
                        BarChart.PLOT_WIDTH + ".0");
    }

    @Test
    void aSuppressedFigureIsTextOnlyAndDoesNotSetTheScale() {
        String svg = BarChart.svg(List.of(
                new Bar("Declined: no capacity", null, "<5"),
                bar("Declined: not eligible", 8),
                new Bar("Median hours", null, "[c]")));

        assertThat(widths(svg))
                .as("one bar only, the exact one, and it fills the plot: the suppressed ones count for nothing")
                .containsExactly(BarChart.PLOT_WIDTH + ".0");
        assertThat(svg).contains(">&lt;5</text>", ">[c]</text>", ">8</text>").doesNotContain("><5<");
    }

    @Test
    void noBarsOrOnlySuppressedOnesDrawNothing() {
        assertThat(BarChart.svg(List.of())).contains("No figures to show").doesNotContain("<rect");
        assertThat(BarChart.svg(List.of(new Bar("A", null, "<5"), bar("B", 0))))
                .doesNotContain("<rect")
                .contains(">&lt;5</text>", ">0</text>");
    }

    @Test
    void labelsAreEscapedAndLongOnesCutShort() {
        String svg = BarChart.svg(List.of(bar("Tom & Jerry's <script>", 3), bar("x".repeat(50), 1)));

        assertThat(svg)
                .contains("Tom &amp; Jerry's &lt;script&gt;")
                .doesNotContain("<script>")
                .contains(">" + "x".repeat(BarChart.LONGEST_LABEL - 1) + "…</text>");
        assertThatThrownBy(() -> bar("Negative", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Bar bar(String label, long value) {
        return new Bar(label, BigDecimal.valueOf(value), Long.toString(value));
    }

    private static List<String> widths(String svg) {
        Matcher matcher = BAR_WIDTH.matcher(svg);
        return matcher.results().map(result -> result.group(1)).toList();
    }
}
