package dev.ductus.data;

import dev.ductus.api.Box;
import java.util.List;

/**
 * One text line of a PAGE XML page: its id, its outline (a polygon, flat {@code x0,y0,x1,y1,...}, or null for
 * the box), its box, its baseline (flat polyline, or null when unknown), its text and the recogniser's
 * confidence (NaN when unknown). {@code sourceLine} is the XML line it was read from (0 when written). A
 * recognised line may carry its words, each with its glyphs (what the writer puts in Word and Glyph elements;
 * empty when read).
 */
public record PageLine(String id, int[] polygon, Box box, int[] baseline, String text, double confidence, int sourceLine,
                       List<Word> words) {
    /** A Word or a Glyph: id, outline (flat polygon), text, confidence (NaN when unknown), and a word's glyphs. */
    public record Word(String id, int[] polygon, String text, double confidence, List<Word> glyphs) {
        public Word {
            if (polygon == null || polygon.length < 6 || polygon.length % 2 != 0) {
                throw new IllegalArgumentException("a word or glyph needs a polygon of at least 3 points");
            }
            glyphs = glyphs == null ? List.of() : List.copyOf(glyphs);
        }
    }

    public PageLine(String id, int[] polygon, Box box, int[] baseline, String text, double confidence, int sourceLine) {
        this(id, polygon, box, baseline, text, confidence, sourceLine, List.of());
    }

    public PageLine {
        words = words == null ? List.of() : List.copyOf(words);
        if (polygon != null && (polygon.length < 6 || polygon.length % 2 != 0)) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, got " + (polygon.length / 2));
        }
        if (baseline != null && (baseline.length < 4 || baseline.length % 2 != 0)) {
            throw new IllegalArgumentException("a baseline needs at least 2 points");
        }
    }

    /** A line known by its box and text only. */
    public static PageLine of(String id, Box box, String text) {
        return new PageLine(id, null, box, null, text, Double.NaN, 0);
    }

    /** A recognised line with a horizontal baseline at row {@code baselineY} (page coordinates; -1 unknown). */
    public static PageLine recognized(String id, Box box, int baselineY, String text, double confidence) {
        int[] baseline = baselineY < 0 ? null : new int[] {box.x(), baselineY, box.right() - 1, baselineY};
        return new PageLine(id, null, box, baseline, text, confidence, 0);
    }

    /** The same line with these words. */
    public PageLine withWords(List<Word> w) {
        return new PageLine(id, polygon, box, baseline, text, confidence, sourceLine, w);
    }

    /** The same line with this baseline (flat polyline). */
    public PageLine withBaseline(int[] b) {
        return new PageLine(id, polygon, box, b, text, confidence, sourceLine, words);
    }

    /** The polygon, or the four corners of the box (inclusive pixel coordinates). */
    public int[] outline() {
        if (polygon != null) return polygon.clone();
        int x1 = box.x() + Math.max(0, box.width() - 1);
        int y1 = box.y() + Math.max(0, box.height() - 1);
        return new int[] {box.x(), box.y(), x1, box.y(), x1, y1, box.x(), y1};
    }

    /** The box around a flat polygon (inclusive corners, so a width-w rectangle gives width w). */
    public static Box boxOf(int[] polygon) {
        int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = Integer.MIN_VALUE, maxY = Integer.MIN_VALUE;
        for (int i = 0; i < polygon.length; i += 2) {
            minX = Math.min(minX, polygon[i]);
            maxX = Math.max(maxX, polygon[i]);
            minY = Math.min(minY, polygon[i + 1]);
            maxY = Math.max(maxY, polygon[i + 1]);
        }
        // in long: 0 and 2147483647 are 2^31 pixels apart, which as an int is a negative size
        long width = (long) maxX - minX + 1;
        long height = (long) maxY - minY + 1;
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("polygon spans " + width + "x" + height + " pixels, more than a box holds");
        }
        return new Box(minX, minY, (int) width, (int) height);
    }
}
