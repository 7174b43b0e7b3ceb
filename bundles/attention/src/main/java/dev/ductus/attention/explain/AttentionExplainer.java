package dev.ductus.attention.explain;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.attention.decode.AttentionBeamSearch;
import dev.ductus.attention.model.AttentionModel;
import dev.ductus.attention.model.ParagraphModel;
import dev.ductus.ctc.explain.ModelExplainer;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.PixelSetup;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * "What happens in the net" for the attention models, as one self-contained HTML page: for a line model, the line
 * as the encoder sees it and, under it on the same scale, one strip per emitted character with the attention
 * weights over the frames that emitted it (greedy decoding); for a paragraph model, the page with each line
 * step's attention map laid over it in its own colour, and the text each step read.
 */
public final class AttentionExplainer implements ModelExplainer {
    private static final int[] COLOURS = {0xd62728, 0x1f77b4, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf};

    @Override
    public boolean accepts(Path modelFile) {
        try {
            return AttentionModel.isAttentionModel(modelFile) || ParagraphModel.isParagraphModel(modelFile);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Explained explain(Path modelFile, GrayImage image, String pipelineText, int zoom) {
        if (ParagraphModel.isParagraphModel(modelFile)) return paragraph(ParagraphModel.read(modelFile, null, null), modelFile, image, pipelineText, zoom);
        return line(AttentionModel.read(modelFile, null, null), modelFile, image, pipelineText, zoom);
    }

    private static Explained line(AttentionModel model, Path file, GrayImage image, String pipelineText, int zoom) {
        EncodedLine enc = new PixelSetup(0).restore(model.inputSpec(), null, null).encode(image);
        AttentionBeamSearch greedy = new AttentionBeamSearch(AttentionBeamSearch.Settings.greedy());
        Hypothesis h = model.recognize(List.of(enc), greedy, null).get(0);
        List<double[]> rows = model.attention(enc, greedy, null);
        int width = enc.width() * zoom;
        StringBuilder html = head("explain " + file.getFileName());
        html.append("<h1>What the attention decoder reads</h1>\n<dl>\n");
        dd(html, "model", file + " (" + model + ")");
        if (pipelineText != null) dd(html, "recognised (pipeline: beam search and language model)", pipelineText);
        dd(html, "greedy decoding", h.text());
        html.append("</dl>\n<figure>\n");
        html.append("<img class=\"px\" alt=\"the line as the encoder sees it\" width=\"").append(width).append("\" height=\"")
                .append(enc.height() * zoom).append("\" src=\"").append(png(encoded(enc))).append("\">\n");
        html.append("<table class=\"att\">\n");
        for (int i = 0; i < rows.size(); i++) {
            double[] a = rows.get(i);
            double max = 1e-9;
            for (double x : a) max = Math.max(max, x);
            BufferedImage strip = new BufferedImage(a.length, 1, BufferedImage.TYPE_INT_RGB);
            for (int j = 0; j < a.length; j++) strip.setRGB(j, 0, heat(a[j] / max));
            String sym = i < h.text().length() ? h.text().substring(i, i + 1) : "";
            html.append("<tr><td class=\"sym\">").append(sym.equals(" ") ? "\u2423" : escape(sym)).append("</td><td><img class=\"px\" width=\"")
                    .append(width).append("\" height=\"").append(Math.max(6, 3 * zoom)).append("\" src=\"").append(png(strip))
                    .append("\" title=\"").append(String.format(Locale.ROOT, "peak %.2f", max)).append("\"></td></tr>\n");
        }
        html.append("</table>\n");
        html.append(String.format(Locale.ROOT, "<figcaption>The line scaled to the encoder's %d rows; under it, one row per emitted"
                + " symbol (\u2423 the space): the attention weights over the %d encoder frames when it was emitted, darker ="
                + " more weight (each row scaled to its own peak). A reading that goes well walks left to right.</figcaption>\n",
                enc.height(), rows.isEmpty() ? 0 : rows.get(0).length));
        html.append("</figure>\n</body></html>\n");
        return new Explained(html.toString(), h.text());
    }

    private static Explained paragraph(ParagraphModel model, Path file, GrayImage page, String pipelineText, int zoom) {
        ParagraphModel.Reading r = model.read(page, null, null);
        int w = (int) Math.round(page.width() * model.scale());
        int h = (int) Math.round(page.height() * model.scale());
        StringBuilder html = head("explain " + file.getFileName());
        html.append("<h1>What the paragraph attention reads</h1>\n<dl>\n");
        dd(html, "model", file.toString());
        if (pipelineText != null) dd(html, "recognised (pipeline: beam search and language model per line)", pipelineText);
        dd(html, "greedy reading, line by line", r.hypothesis().text());
        html.append("</dl>\n<figure><div class=\"stack\" style=\"width:").append(w * zoom).append("px;height:").append(h * zoom).append("px\">\n");
        html.append("<img class=\"px\" alt=\"the page\" width=\"").append(w * zoom).append("\" height=\"").append(h * zoom)
                .append("\" src=\"").append(png(gray(page))).append("\">\n");
        String[] lines = r.hypothesis().text().split("\n", -1);
        for (int i = 0; i < r.maps().size(); i++) {
            double[] m = r.maps().get(i);
            BufferedImage overlay = new BufferedImage(r.mapWidth(), r.mapHeight(), BufferedImage.TYPE_INT_ARGB);
            int colour = COLOURS[i % COLOURS.length];
            for (int y = 0; y < r.mapHeight(); y++) {
                for (int x = 0; x < r.mapWidth(); x++) {
                    int alpha = (int) Math.round(200 * Math.min(1, m[y * r.mapWidth() + x] * 2));
                    overlay.setRGB(x, y, (alpha << 24) | colour);
                }
            }
            html.append("<img class=\"px over\" alt=\"attention of line ").append(i + 1).append("\" width=\"").append(w * zoom)
                    .append("\" height=\"").append(h * zoom).append("\" src=\"").append(png(overlay)).append("\">\n");
        }
        html.append("</div>\n<figcaption>The page at the model's scale; over it each line step's attention (its weights over the rows of"
                + " every column of the encoder's map), one colour per step.</figcaption></figure>\n<ol>\n");
        for (int i = 0; i < r.maps().size() && i < lines.length; i++) {
            html.append(String.format(Locale.ROOT, "<li><span style=\"color:#%06x\">\u25a0</span> %s</li>%n", COLOURS[i % COLOURS.length], escape(lines[i])));
        }
        html.append("</ol>\n</body></html>\n");
        return new Explained(html.toString(), r.hypothesis().text());
    }

    private static StringBuilder head(String title) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:1.5em;color:#222} img.px{image-rendering:pixelated;display:block}\n")
                .append("figure{margin:0 0 1.5em 0;overflow-x:auto} figcaption{font-size:90%;color:#555;margin:.3em 0}\n")
                .append("dt{font-weight:bold} dd{margin:0 0 .6em 1em;font-family:monospace;font-size:110%}\n")
                .append("table.att{border-collapse:collapse} table.att td{padding:0} td.sym{font:12px monospace;padding-right:.4em;text-align:right}\n")
                .append(".stack{position:relative} .stack img{position:absolute;left:0;top:0}\n")
                .append("</style></head><body>\n");
        return h;
    }

    private static void dd(StringBuilder h, String term, String value) {
        h.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** White (no weight) to dark blue (the row's peak). */
    private static int heat(double t) {
        double v = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(255 * (1 - v) + 20 * v);
        int g = (int) Math.round(255 * (1 - v) + 60 * v);
        int b = (int) Math.round(255 * (1 - v) + 140 * v);
        return (r << 16) | (g << 8) | b;
    }

    private static BufferedImage encoded(EncodedLine e) {
        BufferedImage b = new BufferedImage(e.width(), e.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < e.height(); y++) {
            for (int x = 0; x < e.width(); x++) {
                int v = (int) Math.round((1 - Math.max(0, Math.min(1, e.values()[y * e.width() + x]))) * 255);
                b.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return b;
    }

    private static BufferedImage gray(GrayImage im) {
        BufferedImage b = new BufferedImage(im.width(), im.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < im.width(); x++) {
                int v = Math.round(Math.max(0, Math.min(1, im.get(x, y))) * 255);
                b.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return b;
    }

    private static String png(BufferedImage b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(b, "png", bytes)) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
