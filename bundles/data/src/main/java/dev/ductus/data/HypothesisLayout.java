package dev.ductus.data;

import dev.ductus.api.Box;
import dev.ductus.api.decode.CharSpan;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.LinePlacement;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a hypothesis' lines, words and characters lie on the input image, the one mapping every output format
 * uses (JSON of {@code recognize} and the web API, PAGE, ALTO). A character's columns [x0, x1) are columns of its
 * line's preprocessed image; over that image's full height and through the line's {@link LinePlacement} they
 * become a four-corner polygon on the input (slanted and rotated as the preprocessing undid), clamped to it, and
 * its bounding box. A word spans its first character's x0 to its last one's x1 and has the mean of its characters'
 * confidences. Without a placement (a decoder's raw result, a paragraph model) there are no positions (null).
 */
public final class HypothesisLayout {
    /** Points of a mapped baseline. */
    static final int BASELINE_POINTS = 5;

    /** One character: polygon of {x, y} corners on the input and their box, or both null when not placed. */
    public record Glyph(CharSpan span, double[][] polygon, Box box) {
    }

    /** One word: its text, confidence (NaN when unknown), polygon and box (null when not placed), characters. */
    public record Word(String text, double confidence, double[][] polygon, Box box, List<Glyph> glyphs) {
    }

    /** One line: its index, text, mean confidence, mapped baseline (null when unknown) and words. */
    public record Line(int index, String text, double confidence, double[][] baseline, List<Word> words) {
    }

    private HypothesisLayout() {
    }

    /** Where a character lies on the input, or null when its line has no placement. */
    public static Glyph glyph(Hypothesis h, CharSpan c) {
        LinePlacement p = h.placement(c.line());
        if (p == null) return new Glyph(c, null, null);
        double[][] polygon = p.columns(c.x0(), c.x1());
        return new Glyph(c, polygon, p.bounds(polygon));
    }

    /** Every line of the hypothesis (its text split at "\n"), with its words. */
    public static List<Line> lines(Hypothesis h) {
        String[] texts = h.text().split("\n", -1);
        List<Line> out = new ArrayList<>(texts.length);
        for (int i = 0; i < texts.length; i++) {
            final int line = i;
            double confidence = h.characters().stream().filter(c -> c.line() == line)
                    .mapToDouble(CharSpan::confidence).average().orElse(Double.NaN);
            LinePlacement p = h.placement(i);
            double[][] baseline = p == null ? null : p.baselinePoints(BASELINE_POINTS);
            out.add(new Line(i, texts[i], confidence, baseline, words(h, i, texts[i])));
        }
        return out;
    }

    /**
     * The words of line {@code line}: from its character spans when they spell the line's text (with positions
     * and confidences), else from the text alone (neither).
     */
    public static List<Word> words(Hypothesis h, int line, String text) {
        List<CharSpan> chars = h.characters().stream().filter(c -> c.line() == line).toList();
        StringBuilder spelled = new StringBuilder();
        chars.forEach(c -> spelled.append(c.symbol()));
        List<Word> out = new ArrayList<>();
        if (spelled.toString().equals(text)) {
            List<CharSpan> word = new ArrayList<>();
            for (CharSpan c : chars) {
                if (c.symbol().isBlank()) {
                    if (!word.isEmpty()) out.add(word(h, word));
                    word.clear();
                } else {
                    word.add(c);
                }
            }
            if (!word.isEmpty()) out.add(word(h, word));
            return out;
        }
        for (String w : text.trim().split("\\s+")) {
            if (!w.isEmpty()) out.add(new Word(w, Double.NaN, null, null, List.of()));
        }
        return out;
    }

    private static Word word(Hypothesis h, List<CharSpan> chars) {
        StringBuilder text = new StringBuilder();
        double sum = 0;
        List<Glyph> glyphs = new ArrayList<>(chars.size());
        int x0 = Integer.MAX_VALUE;
        int x1 = Integer.MIN_VALUE;
        for (CharSpan c : chars) {
            text.append(c.symbol());
            sum += c.confidence();
            glyphs.add(glyph(h, c));
            x0 = Math.min(x0, c.x0());
            x1 = Math.max(x1, c.x1());
        }
        LinePlacement p = h.placement(chars.get(0).line());
        double[][] polygon = p == null ? null : p.columns(x0, x1);
        return new Word(text.toString(), sum / chars.size(), polygon, polygon == null ? null : p.bounds(polygon), glyphs);
    }

    /**
     * A polygon as PAGE points: rounded, within the image's pixels (0..width-1, 0..height-1), flat x0,y0,x1,y1...
     */
    public static int[] pagePoints(double[][] polygon, int imageWidth, int imageHeight) {
        int[] out = new int[polygon.length * 2];
        for (int i = 0; i < polygon.length; i++) {
            out[2 * i] = (int) Math.max(0, Math.min(imageWidth - 1, Math.round(polygon[i][0])));
            out[2 * i + 1] = (int) Math.max(0, Math.min(imageHeight - 1, Math.round(polygon[i][1])));
        }
        return out;
    }
}
