package org.integratedcommunities.referrals.queryside.ui;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * A horizontal bar chart drawn on the server as inline SVG: no chart library, no script, nothing fetched. One row per
 * bar, its label on the left and its figure as text at the end of the bar.
 *
 * <p>A figure that is withheld or not applicable ({@code <5}, {@code [c]}, {@code [z]}) has no value and is never drawn
 * as a bar, at any size: only its text is shown, where the bar would start, in the secondary text colour. The scale is
 * that of the largest figure drawn (or a fixed maximum, such as 100 for percentages), so a withheld figure does not
 * move it either.
 *
 * <p>The SVG is decorative for assistive technology ({@code aria-hidden}): the page gives every chart its figures as a
 * table as well. Colours and sizes are presentation attributes, not {@code style}, so the content security policy
 * (no inline style) lets them through.
 */
public final class BarChart {

    /**
     * One bar.
     *
     * @param label what the bar is for
     * @param value its figure, or null when withheld or not applicable (then it is not drawn)
     * @param display the figure as shown: {@code 12}, {@code 5.5}, {@code <5}, {@code [c]}
     */
    public record Bar(String label, BigDecimal value, String display) {

        public Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(display, "display");
            if (value != null && value.signum() < 0) {
                throw new IllegalArgumentException("A bar cannot be negative: " + value);
            }
        }

        /** Whether the figure is shown as text only. */
        public boolean withheld() {
            return value == null;
        }
    }

    static final int WIDTH = 640;
    static final int LABEL_WIDTH = 250;
    /** Room after the longest bar for its figure. */
    static final int FIGURE_ROOM = 70;

    /** The length, in SVG units, of a bar at the top of the scale. */
    public static final int PLOT_WIDTH = WIDTH - LABEL_WIDTH - FIGURE_ROOM;

    static final int ROW = 28;
    static final int BAR = 18;
    static final int PADDING = 6;
    /** Longer labels are cut short to fit left of the bars; the table beside the chart has them whole. */
    static final int LONGEST_LABEL = 30;

    private static final String TEXT = "#0b0c0c";
    private static final String SECONDARY_TEXT = "#505a5f";
    private static final String BAR_COLOUR = "#1d70b8";

    private BarChart() {}

    /** The chart of {@code bars}, scaled to the largest figure drawn. */
    public static String svg(List<Bar> bars) {
        return svg(bars, null);
    }

    /**
     * The chart of {@code bars} scaled to {@code maximum} (a figure of {@code maximum} fills the plot), or to the
     * largest figure drawn when null. With no bars, or none drawn and nothing to show, it says there is nothing.
     */
    public static String svg(List<Bar> bars, BigDecimal maximum) {
        BigDecimal scale = maximum != null
                ? maximum
                : bars.stream()
                        .map(Bar::value)
                        .filter(Objects::nonNull)
                        .max(BigDecimal::compareTo)
                        .orElse(BigDecimal.ZERO);
        int height = PADDING * 2 + Math.max(1, bars.size()) * ROW;
        StringBuilder svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" aria-hidden=\"true\"")
                .append(" focusable=\"false\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" font-size=\"14\">");
        if (bars.isEmpty()) {
            text(svg, LABEL_WIDTH + PADDING, PADDING + ROW / 2, "start", SECONDARY_TEXT, "No figures to show");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int top = PADDING + i * ROW + (ROW - BAR) / 2;
            int middle = PADDING + i * ROW + ROW / 2;
            text(svg, LABEL_WIDTH - PADDING, middle, "end", TEXT, shortened(bar.label()));
            if (bar.withheld()) {
                text(svg, LABEL_WIDTH + PADDING, middle, "start", SECONDARY_TEXT, bar.display());
                continue;
            }
            BigDecimal length = length(bar.value(), scale);
            if (length.signum() > 0) {
                svg.append("<rect x=\"")
                        .append(LABEL_WIDTH)
                        .append("\" y=\"")
                        .append(top)
                        .append("\" width=\"")
                        .append(length.toPlainString())
                        .append("\" height=\"")
                        .append(BAR)
                        .append("\" fill=\"")
                        .append(BAR_COLOUR)
                        .append("\"/>");
            }
            int after = LABEL_WIDTH + length.setScale(0, RoundingMode.CEILING).intValue() + PADDING;
            text(svg, after, middle, "start", TEXT, bar.display());
        }
        svg.append("<line x1=\"")
                .append(LABEL_WIDTH)
                .append("\" y1=\"0\" x2=\"")
                .append(LABEL_WIDTH)
                .append("\" y2=\"")
                .append(height)
                .append("\" stroke=\"")
                .append(TEXT)
                .append("\" stroke-width=\"1\"/>");
        return svg.append("</svg>").toString();
    }

    /** The bar's length in the plot, to a tenth of a unit; a figure above the scale fills the plot. */
    static BigDecimal length(BigDecimal value, BigDecimal scale) {
        if (scale.signum() <= 0 || value.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal share = value.min(scale).divide(scale, MathContext.DECIMAL64);
        return share.multiply(BigDecimal.valueOf(PLOT_WIDTH)).setScale(1, RoundingMode.HALF_UP);
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String colour, String text) {
        svg.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" dominant-baseline=\"central\" text-anchor=\"")
                .append(anchor)
                .append("\" fill=\"")
                .append(colour)
                .append("\">")
                .append(escaped(text))
                .append("</text>");
    }

    private static String shortened(String label) {
        return label.length() <= LONGEST_LABEL
                ? label
                : label.substring(0, LONGEST_LABEL - 1).strip() + "…";
    }

    static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
