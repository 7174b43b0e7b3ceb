package dev.ductus.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart as inline SVG: one or more named series of (x, y) points, each joined by a line and drawn as
 * dots whose tooltips give the values (and a note, such as the seconds an epoch ended at). Both axes are linear
 * from 0; the x ticks stay whole numbers when every x is (epochs). Points with a value that is not finite, or
 * below 0, are left out and counted under the plot. More than one series gets a legend.
 */
public final class SvgLineChart {
    private static final int WIDTH = 520;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int PLOT_HEIGHT = 210;
    private static final int BOTTOM = 56;
    private static final int LEGEND_ROW = 16;

    /** One point; {@code note} is added to its tooltip (empty for none). */
    public record Point(double x, double y, String note) {
        public Point {
            note = note == null ? "" : note;
        }

        boolean plottable() {
            return Double.isFinite(x) && Double.isFinite(y) && x >= 0 && y >= 0;
        }
    }

    /** A named line, drawn in {@code colour} (a CSS colour, e.g. from {@link ChartPalette}). */
    public record Series(String name, String colour, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private SvgLineChart() {
    }

    public static String render(String title, String xLabel, String yLabel, List<Series> series,
                                DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        return render(title, xLabel, yLabel, series, xFormat, yFormat, Double.NaN, "");
    }

    /**
     * Tick labels are printed compactly; the formats are for the values of the points (in their tooltips).
     *
     * @param markX an x to mark with a dashed vertical line labelled {@code markLabel} (the kept epoch), or NaN
     */
    public static String render(String title, String xLabel, String yLabel, List<Series> series,
                                DoubleFunction<String> xFormat, DoubleFunction<String> yFormat, double markX,
                                String markLabel) {
        double xMax = Double.isFinite(markX) && markX >= 0 ? markX : 0;
        double yMax = 0;
        boolean wholeX = true;
        int plotted = 0, skipped = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                if (!p.plottable()) {
                    skipped++;
                    continue;
                }
                plotted++;
                xMax = Math.max(xMax, p.x());
                yMax = Math.max(yMax, p.y());
                wholeX &= p.x() == Math.rint(p.x());
            }
        }
        SvgScatterChart.Axis xs = SvgScatterChart.Axis.linear(xMax, wholeX ? 1 : 0);
        SvgScatterChart.Axis ys = SvgScatterChart.Axis.linear(yMax);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PLOT_HEIGHT;
        boolean legend = series.size() > 1;
        int height = TOP + plotH + BOTTOM + (legend ? LEGEND_ROW * series.size() : 0);

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                + "font-family=\"sans-serif\" font-size=\"12\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                WIDTH, height, WIDTH, height));
        sb.append("<title>");
        HtmlText.append(sb, title);
        sb.append("</title><text x=\"2\" y=\"18\" font-weight=\"bold\" font-size=\"13\">");
        HtmlText.append(sb, title);
        sb.append("</text>");
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                LEFT, TOP, plotW, plotH));
        for (double t : xs.ticks()) {
            double px = LEFT + xs.position(t) * plotW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e6e6e6\"/>"
                    + "<text fill=\"#666\" font-size=\"11\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", px, TOP, px,
                    TOP + plotH, px, TOP + plotH + 16));
            HtmlText.append(sb, MetricFormat.compact(t));
            sb.append("</text>");
        }
        for (double t : ys.ticks()) {
            double py = TOP + plotH - ys.position(t) * plotH;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>"
                    + "<text fill=\"#666\" font-size=\"11\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT, py,
                    LEFT + plotW, py, LEFT - 6, py + 4));
            HtmlText.append(sb, MetricFormat.compact(t));
            sb.append("</text>");
        }
        sb.append(String.format(Locale.ROOT, "<text fill=\"#333\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                LEFT + plotW / 2, TOP + plotH + 36));
        HtmlText.append(sb, xLabel);
        sb.append(String.format(Locale.ROOT, "</text><text fill=\"#333\" x=\"14\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %d)\">", TOP + plotH / 2, TOP + plotH / 2));
        HtmlText.append(sb, yLabel);
        sb.append("</text>");
        if (Double.isFinite(markX) && markX >= 0) {
            double px = LEFT + xs.position(markX) * plotW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" "
                    + "stroke-dasharray=\"4 3\"/><text fill=\"#666\" font-size=\"11\" x=\"%.1f\" y=\"%d\" "
                    + "text-anchor=\"middle\">", px, TOP, px, TOP + plotH, px, TOP - 4));
            HtmlText.append(sb, markLabel);
            sb.append("</text>");
        }
        for (Series s : series) {
            appendSeries(sb, s, xs, ys, plotW, plotH, xFormat, yFormat);
        }
        if (plotted == 0) {
            sb.append(String.format(Locale.ROOT, "<text fill=\"#999\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                    + "no values to plot</text>", LEFT + plotW / 2, TOP + plotH / 2));
        }
        int y = TOP + plotH + 52;
        if (skipped > 0) {
            sb.append(String.format(Locale.ROOT, "<text fill=\"#666\" font-size=\"11\" x=\"%d\" y=\"%d\" "
                    + "text-anchor=\"end\">", WIDTH - RIGHT, y));
            HtmlText.append(sb, "not plotted (no value): " + skipped + (skipped == 1 ? " point" : " points"));
            sb.append("</text>");
        }
        if (legend) {
            for (Series s : series) {
                y += LEGEND_ROW;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                        + "<text fill=\"#333\" x=\"%d\" y=\"%d\">", LEFT, y - 13, HtmlText.escape(s.colour()), LEFT + 16, y - 4));
                HtmlText.append(sb, SvgBarChart.shorten(s.name(), 60));
                sb.append("</text>");
            }
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static void appendSeries(StringBuilder sb, Series s, SvgScatterChart.Axis xs, SvgScatterChart.Axis ys,
                                     int plotW, int plotH, DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        String colour = HtmlText.escape(s.colour());
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Point p : s.points()) {
            if (!p.plottable()) continue;
            double px = LEFT + xs.position(p.x()) * plotW;
            double py = TOP + plotH - ys.position(p.y()) * plotH;
            if (!line.isEmpty()) line.append(' ');
            line.append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>",
                    px, py, colour));
            HtmlText.append(dots, s.name() + ": " + xFormat.apply(p.x()) + ", " + yFormat.apply(p.y())
                    + (p.note().isEmpty() ? "" : ", " + p.note()));
            dots.append("</title></circle>");
        }
        if (line.isEmpty()) return;
        sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                colour, line));
        sb.append(dots);
    }
}
