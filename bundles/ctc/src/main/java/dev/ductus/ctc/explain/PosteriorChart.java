package dev.ductus.ctc.explain;

import dev.ductus.api.model.FrameScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-frame CTC posteriors as an SVG heat map to put under the line image: one column per frame at the
 * input columns it stands for, one row per class that ever reaches {@code minPosterior} (the blank first),
 * darker for likelier; above it, the most likely symbol of each frame where it is not the blank.
 */
final class PosteriorChart {
    static final int ROW = 14;
    static final int LABEL = 28;
    private final double minPosterior;

    PosteriorChart(double minPosterior) {
        this.minPosterior = minPosterior;
    }

    /** @param width the display width of the line image above the chart, in pixels */
    String svg(FrameScores p, double width) {
        int frames = p.frames();
        List<Integer> rows = rows(p);
        double col = frames == 0 ? width : width / frames;
        int top = ROW + 4;
        double height = top + rows.size() * ROW;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"%.1f 0 %.1f %.0f\" class=\"posteriors\">%n", width + LABEL, height, (double) -LABEL, width + LABEL, height));
        for (int t = 0; t < frames; t++) {
            int best = argmax(p, t);
            if (best != 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"sym\">%s</text>%n", (t + 0.5) * col, ROW,
                        escape(p.alphabet().symbol(best - 1))));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            int k = rows.get(r);
            double y = top + r * ROW;
            String name = k == 0 ? "\u2205" : display(p.alphabet().symbol(k - 1));
            s.append(String.format(Locale.ROOT, "<text x=\"-4\" y=\"%.1f\" class=\"row\">%s</text>%n", y + ROW - 3, escape(name)));
            for (int t = 0; t < frames; t++) {
                double post = Math.exp(p.get(t, k));
                if (post < 0.02) continue;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" fill-opacity=\"%.2f\">"
                        + "<title>frame %d, %s: %.3f</title></rect>%n", t * col, y, col, ROW, post, t, escape(name), post));
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** The blank, then every symbol whose posterior reaches the threshold in some frame, in alphabet order. */
    List<Integer> rows(FrameScores p) {
        List<Integer> rows = new ArrayList<>();
        rows.add(0);
        double min = Math.log(minPosterior);
        for (int k = 1; k < p.classes(); k++) {
            for (int t = 0; t < p.frames(); t++) {
                if (p.get(t, k) >= min) {
                    rows.add(k);
                    break;
                }
            }
        }
        return rows;
    }

    static int argmax(FrameScores p, int t) {
        int best = 0;
        for (int k = 1; k < p.classes(); k++) if (p.get(t, k) > p.get(t, best)) best = k;
        return best;
    }

    private static String display(String symbol) {
        return symbol.equals(" ") ? "\u2423" : symbol;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
