package dev.ductus.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** A horizontal bar chart as inline SVG: one bar per system, its value written after it. */
public final class SvgBarChart {
    private static final int LABEL_WIDTH = 180;
    private static final int BAR_WIDTH = 340;
    private static final int VALUE_WIDTH = 90;
    private static final int ROW = 24;
    private static final int TOP = 30;

    private SvgBarChart() {
    }

    /**
     * @param values one per label; a value that is not finite gets no bar, only its text
     */
    public static String render(String title, List<String> labels, double[] values, DoubleFunction<String> format) {
        if (labels.size() != values.length) {
            throw new IllegalArgumentException(labels.size() + " labels for " + values.length + " values");
        }
        double max = 0;
        for (double v : values) {
            if (Double.isFinite(v)) max = Math.max(max, v);
        }
        int width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
        int height = TOP + ROW * labels.size() + 10;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                + "font-family=\"sans-serif\" font-size=\"12\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">", width, height, width, height));
        sb.append("<title>");
        HtmlText.append(sb, title);
        sb.append("</title><text x=\"2\" y=\"18\" font-weight=\"bold\" font-size=\"13\">");
        HtmlText.append(sb, title);
        sb.append("</text>");
        for (int k = 0; k < labels.size(); k++) {
            int y = TOP + k * ROW;
            sb.append(String.format(Locale.ROOT, "<text fill=\"#333\" x=\"%d\" y=\"%d\" text-anchor=\"end\">",
                    LABEL_WIDTH - 8, y + 16));
            HtmlText.append(sb, shorten(labels.get(k), 26));
            sb.append("</text>");
            double v = values[k];
            double w = Double.isFinite(v) && max > 0 ? Math.max(v, 0) / max * BAR_WIDTH : 0;
            if (Double.isFinite(v)) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"%s\"><title>", LABEL_WIDTH, y + 3, w, ROW - 6, ChartPalette.colour(k)));
                HtmlText.append(sb, labels.get(k) + ": " + format.apply(v));
                sb.append("</title></rect>");
            }
            sb.append(String.format(Locale.ROOT, "<text fill=\"#333\" x=\"%.1f\" y=\"%d\">", LABEL_WIDTH + w + 6,
                    y + 16));
            HtmlText.append(sb, format.apply(v));
            sb.append("</text>");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    static String shorten(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "\u2026";
    }
}
