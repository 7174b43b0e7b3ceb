package dev.ductus.data.synth;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A handwriting font standing for one writer. It knows which characters it really draws (not just maps to the
 * missing-glyph box) and its x-height, so lines of every writer can be rendered at a comparable body size.
 */
public final class HandwritingFont {
    static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);
    private static final float REFERENCE_SIZE = 100f;

    private final String writer;
    private final Font font;
    private final double xHeightAtReference;
    private final ConcurrentHashMap<Integer, Boolean> drawable = new ConcurrentHashMap<>();

    public HandwritingFont(String writer, Font font) {
        this.writer = writer;
        this.font = font.deriveFont(REFERENCE_SIZE);
        this.xHeightAtReference = medianBodyHeight(this.font);
    }

    public String writer() {
        return writer;
    }

    public Font font() {
        return font;
    }

    /**
     * The median height of x-height letters: a single letter such as 'x' carries a flourish in some script
     * fonts and would shrink their lines.
     */
    static double medianBodyHeight(Font font) {
        String letters = "acemnouvw";
        double[] heights = new double[letters.length()];
        int n = 0;
        for (char c : letters.toCharArray()) {
            Rectangle2D b = font.createGlyphVector(CONTEXT, String.valueOf(c)).getVisualBounds();
            if (b.getHeight() > 1) heights[n++] = b.getHeight();
        }
        if (n == 0) return 0.5 * REFERENCE_SIZE;
        java.util.Arrays.sort(heights, 0, n);
        return heights[n / 2];
    }

    /** The font at the point size that gives the wanted x-height in pixels. */
    public Font sizedForXHeight(double xHeightPixels) {
        return font.deriveFont((float) (REFERENCE_SIZE * xHeightPixels / xHeightAtReference));
    }

    /** Whether every character of the text has a real, non-empty glyph (spaces need only be mapped). */
    public boolean canDraw(String text) {
        return text.codePoints().allMatch(cp -> drawable.computeIfAbsent(cp, this::drawsCodePoint));
    }

    private boolean drawsCodePoint(int cp) {
        if (!font.canDisplay(cp)) return false;
        GlyphVector gv = font.createGlyphVector(CONTEXT, new String(Character.toChars(cp)));
        if (gv.getNumGlyphs() != 1 || gv.getGlyphCode(0) == font.getMissingGlyphCode()) return false;
        if (Character.isWhitespace(cp)) return true;
        Shape outline = gv.getGlyphOutline(0);
        Rectangle2D bounds = outline.getBounds2D();
        return !bounds.isEmpty() && bounds.getWidth() > 0.5 && bounds.getHeight() > 0.5;
    }

    @Override
    public String toString() {
        return writer;
    }
}
