package dev.ductus.ctc.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page (images as data URIs, the chart as inline SVG) showing what the network reads in a
 * line: the line as it enters the network, the per-frame character posteriors under it on the same horizontal
 * scale, the recognised texts, and the most active feature maps of each 2-D LSTM layer stretched to the line's
 * width (a cell of a map covers the input columns and rows it was computed from).
 */
public final class ExplanationPage {
    private final int zoom;
    private final int mapsPerLayer;

    /** @param zoom display pixels per input pixel; @param mapsPerLayer feature maps shown per layer */
    public ExplanationPage(int zoom, int mapsPerLayer) {
        if (zoom < 1 || mapsPerLayer < 0) throw new IllegalArgumentException("zoom >= 1 and maps >= 0");
        this.zoom = zoom;
        this.mapsPerLayer = mapsPerLayer;
    }

    public String html(LineExplanation e) {
        int width = e.input().width() * zoom;
        int height = e.input().height() * zoom;
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>explain ")
                .append(PosteriorChart.escape(e.source())).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222} img.px{image-rendering:pixelated;display:block}\n")
                .append("figure{margin:0 0 1.5em 0;overflow-x:auto} figcaption{font-size:90%;color:#555;margin:.3em 0}\n")
                .append("dt{font-weight:bold} dd{margin:0 0 .6em 1em;font-family:monospace;font-size:110%}\n")
                .append("svg.posteriors text.sym{font:11px monospace;text-anchor:middle} svg.posteriors text.row{font:10px monospace;text-anchor:end}\n")
                .append("svg.posteriors rect{fill:#1a4d8f} .maps{display:flex;flex-direction:column;gap:.8em}\n")
                .append("</style></head><body>\n");
        h.append("<h1>What the network reads</h1>\n<dl>\n");
        dd(h, "image", e.source());
        dd(h, "model", e.modelDescription());
        if (e.pipelineText() != null) dd(h, "recognised (pipeline decoder and language model)", e.pipelineText());
        dd(h, "best path (most likely class of each frame, repeats and blanks removed)", e.greedyText());
        h.append("</dl>\n");
        h.append("<figure>\n<img class=\"px\" alt=\"the line as the network sees it\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" src=\"").append(PngImages.gray(e.input())).append("\">\n")
                .append(new PosteriorChart(0.1).svg(e.posteriors(), width))
                .append(String.format(Locale.ROOT, "<figcaption>The line scaled to the network's %d input rows; under it the"
                        + " posterior of each class in each of the %d frames (darker = likelier, hover for values; \u2205 is the CTC"
                        + " blank, \u2423 the space), and above the chart each frame's most likely symbol.</figcaption>\n",
                        e.input().height(), e.posteriors().frames()))
                .append("</figure>\n");
        for (FeatureMap m : e.maps()) layer(h, m, width);
        h.append("</body></html>\n");
        return h.toString();
    }

    private void layer(StringBuilder h, FeatureMap m, int width) {
        int[] units = unitsPerDirection(m.layer(), m.channels());
        h.append(String.format(Locale.ROOT, "<h2>%s: %d x %d cells, %d channels</h2>%n<div class=\"maps\">%n",
                PosteriorChart.escape(m.layer()), m.height(), m.width(), m.channels()));
        List<Integer> channels = new ArrayList<>();
        for (int c = 0; c < m.channels(); c++) channels.add(c);
        channels.sort(Comparator.comparingDouble((Integer c) -> -m.variance(c)));
        int shown = Math.min(mapsPerLayer, channels.size());
        int mapHeight = Math.max(1, (int) Math.round((double) width * m.height() / m.width()));
        for (int i = 0; i < shown; i++) {
            int c = channels.get(i);
            double max = 1e-6;
            for (int y = 0; y < m.height(); y++) for (int x = 0; x < m.width(); x++) max = Math.max(max, Math.abs(m.get(y, x, c)));
            String name = units == null ? "channel " + c
                    : "direction " + DIRECTIONS[Math.min(3, c / units[0])] + ", cell " + (c % units[0]);
            h.append("<figure><img class=\"px\" alt=\"").append(name).append("\" width=\"").append(width).append("\" height=\"")
                    .append(mapHeight).append("\" src=\"").append(PngImages.channel(m, c, max)).append("\">\n")
                    .append(String.format(Locale.ROOT, "<figcaption>%s (red positive, blue negative, full colour at |h| = %.2f;"
                            + " variance over the line %.3g)</figcaption></figure>%n", name, max, m.variance(c)));
        }
        h.append("</div>\n");
    }

    private static final String[] DIRECTIONS = {"tl (scanning down and right)", "tr (down and left)", "bl (up and right)",
        "br (up and left)"};

    /** {cells per direction} for a four-direction concatenating 2-D LSTM token, else null (channels shown by number). */
    private static int[] unitsPerDirection(String spec, int channels) {
        if (!spec.startsWith("mdlstm=") || spec.contains(":")) return null;
        try {
            int n = Integer.parseInt(spec.substring("mdlstm=".length()));
            return n * 4 == channels ? new int[] {n} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void dd(StringBuilder h, String term, String value) {
        h.append("<dt>").append(PosteriorChart.escape(term)).append("</dt><dd>").append(PosteriorChart.escape(value)).append("</dd>\n");
    }
}
