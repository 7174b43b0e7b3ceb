package dev.ductus.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A labelled scatter plot as inline SVG, one point per system. The x axis turns logarithmic when its values
 * span more than a factor of 20 (systems' speeds often differ by orders of magnitude); the y axis is linear
 * from 0. Points with a value that is not finite are left out and named under the plot.
 */
public final class SvgScatterChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 380;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 34;
    private static final int BOTTOM = 64;

    private SvgScatterChart() {
    }

    /** Tick labels are printed compactly; the formats are for the values of the points (in their tooltips). */
    public static String render(String title, String xLabel, String yLabel, List<String> labels, double[] x,
                                double[] y, DoubleFunction<String> xFormat, DoubleFunction<String> yFormat) {
        double xMin = Double.POSITIVE_INFINITY, xMax = 0, yMax = 0;
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            if (!plottable(x[k], y[k])) {
                missing.add(labels.get(k));
                continue;
            }
            xMin = Math.min(xMin, x[k]);
            xMax = Math.max(xMax, x[k]);
            yMax = Math.max(yMax, y[k]);
        }
        boolean logX = xMin > 0 && xMax / xMin > 20;
        Axis xs = logX ? Axis.log(xMin, xMax) : Axis.linear(xMax);
        Axis ys = Axis.linear(yMax);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                + "font-family=\"sans-serif\" font-size=\"12\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append("<title>");
        HtmlText.append(sb, title);
        sb.append("</title><text x=\"2\" y=\"18\" font-weight=\"bold\" font-size=\"13\">");
        HtmlText.append(sb, title);
        sb.append("</text>");
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                LEFT, TOP, plotW, plotH));
        for (double t : xs.ticks) {
            double px = LEFT + xs.position(t) * plotW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e6e6e6\"/>"
                    + "<text fill=\"#666\" font-size=\"11\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", px, TOP, px, TOP + plotH,
                    px, TOP + plotH + 16));
            HtmlText.append(sb, MetricFormat.compact(t));
            sb.append("</text>");
        }
        for (double t : ys.ticks) {
            double py = TOP + plotH - ys.position(t) * plotH;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>"
                    + "<text fill=\"#666\" font-size=\"11\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT, py, LEFT + plotW, py,
                    LEFT - 6, py + 4));
            HtmlText.append(sb, MetricFormat.compact(t));
            sb.append("</text>");
        }
        sb.append(String.format(Locale.ROOT, "<text fill=\"#333\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                LEFT + plotW / 2, TOP + plotH + 36));
        HtmlText.append(sb, xLabel + (logX ? " (log scale)" : ""));
        sb.append(String.format(Locale.ROOT, "</text><text fill=\"#333\" x=\"14\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %d)\">", TOP + plotH / 2, TOP + plotH / 2));
        HtmlText.append(sb, yLabel);
        sb.append("</text>");
        for (int k = 0; k < labels.size(); k++) {
            if (!plottable(x[k], y[k])) continue;
            double px = LEFT + xs.position(x[k]) * plotW;
            double py = TOP + plotH - ys.position(y[k]) * plotH;
            boolean leftLabel = px > LEFT + plotW * 0.7;
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\"><title>", px, py,
                    ChartPalette.colour(k)));
            HtmlText.append(sb, labels.get(k) + ": " + xFormat.apply(x[k]) + ", " + yFormat.apply(y[k]));
            sb.append(String.format(Locale.ROOT, "</title></circle><text fill=\"#333\" x=\"%.1f\" y=\"%.1f\" "
                    + "text-anchor=\"%s\">", leftLabel ? px - 9 : px + 9, py - 6, leftLabel ? "end" : "start"));
            HtmlText.append(sb, SvgBarChart.shorten(labels.get(k), 26));
            sb.append("</text>");
        }
        if (!missing.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text fill=\"#666\" font-size=\"11\" x=\"%d\" y=\"%d\">", LEFT, HEIGHT - 6));
            HtmlText.append(sb, "not plotted (no value): " + String.join(", ", missing));
            sb.append("</text>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static boolean plottable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && x >= 0 && y >= 0;
    }

    /** Maps values to [0, 1] along an axis, with the tick values to draw. */
    record Axis(boolean log, double low, double high, List<Double> ticks) {
        static Axis linear(double max) {
            return linear(max, 0);
        }

        /** A linear axis from 0 whose ticks are at least {@code minStep} apart (1 keeps epoch ticks whole). */
        static Axis linear(double max, double minStep) {
            double top = max > 0 ? max * 1.1 : 1;
            double raw = top / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / magnitude <= 1 ? magnitude : raw / magnitude <= 2 ? 2 * magnitude
                    : raw / magnitude <= 5 ? 5 * magnitude : 10 * magnitude;
            step = Math.max(step, minStep);
            List<Double> ticks = new ArrayList<>();
            for (int k = 0; k * step <= top + step * 1e-9; k++) ticks.add(k * step);
            return new Axis(false, 0, Math.max(top, ticks.get(ticks.size() - 1)), ticks);
        }

        static Axis log(double min, double max) {
            double low = Math.floor(Math.log10(min));
            double high = Math.ceil(Math.log10(max));
            if (high <= low) high = low + 1;
            List<Double> ticks = new ArrayList<>();
            for (double e = low; e <= high; e++) ticks.add(Math.pow(10, e));
            return new Axis(true, low, high, ticks);
        }

        double position(double v) {
            if (log) return (Math.log10(v) - low) / (high - low);
            return (v - low) / (high - low);
        }
    }
}
