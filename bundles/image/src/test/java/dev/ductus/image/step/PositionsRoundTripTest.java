package dev.ductus.image.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Box;
import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LinePlacement;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.DrawnText;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14: positions on the scan. A line of widely spaced glyphs is drawn rotated and slanted by Java2D (each glyph
 * also alone, to know its ink), run through the real chain, and each glyph's column span is found in the
 * preprocessed line from its pixels alone (the ink columns between blank ones), as a decoder's character span
 * would be. Mapped back over the full line height, the span's box must hold the glyph's ink on the original and
 * be barely larger than it.
 */
class PositionsRoundTripTest {
    private static final String GLYPHS = "HkdbhLE";
    private static final int GAP = 22;
    /**
     * Most that a box may exceed its glyph's ink box by, per axis: the crop's margins (uniform mode keeps them in
     * the line height), resampling, and a slanted column over the full height being wider than a glyph that does
     * not fill its corners (L). Measured: at most +12 x +13 px (uniform mode keeps the crop margins), +1 x +2 px unrotated.
     */
    private static final int MARGIN = 14;

    private record Drawn(GrayImage image, List<GrayImage> glyphs) {
    }

    /** The glyphs at 40 px, slanted (tops to the right) about the baseline, then rotated counter-clockwise. */
    private static Drawn draw(double rotation, double slant) {
        Font font = DrawnText.font(40);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        double[] xs = new double[GLYPHS.length()];
        double x = 40;
        for (int i = 0; i < GLYPHS.length(); i++) {
            xs[i] = x;
            x += font.getStringBounds(GLYPHS.substring(i, i + 1), frc).getWidth() + GAP;
        }
        int w = (int) x + 40;
        int h = 130;
        int baseline = 80;
        AffineTransform t = AffineTransform.getRotateInstance(-Math.toRadians(rotation), w / 2.0, h / 2.0);
        t.translate(0, baseline);
        t.shear(-Math.tan(Math.toRadians(slant)), 0);
        t.translate(0, -baseline);
        BufferedImage line = DrawnText.canvas(w, h);
        List<GrayImage> glyphs = new ArrayList<>();
        for (int i = 0; i < GLYPHS.length(); i++) {
            String ch = GLYPHS.substring(i, i + 1);
            for (BufferedImage target : new BufferedImage[] {line, DrawnText.canvas(w, h)}) {
                Graphics2D g = DrawnText.pen(target, font);
                g.transform(t);
                g.drawString(ch, (float) xs[i], baseline);
                g.dispose();
                if (target != line) glyphs.add(DrawnText.gray(target));
            }
        }
        return new Drawn(DrawnText.gray(line), glyphs);
    }

    /** Column spans [a, b) of ink between blank columns in the preprocessed line. */
    private static List<int[]> inkRuns(GrayImage img) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= img.width(); x++) {
            boolean ink = false;
            for (int y = 0; x < img.width() && y < img.height() && !ink; y++) ink = img.get(x, y) <= 0.5f;
            if (ink && start < 0) start = x;
            if (!ink && start >= 0) {
                runs.add(new int[] {start, x});
                start = -1;
            }
        }
        return runs;
    }

    @ParameterizedTest(name = "rotated {0} deg, slanted {1} deg, {2}")
    @CsvSource({"3, 18, zones", "-4, 12, zones", "2.5, 20, uniform", "-3, -14, uniform", "0, 0, zones"})
    void glyphSpansMapBackOntoTheirInk(double rotation, double slant, String mode) {
        Drawn drawn = draw(rotation, slant);
        Preprocessor normalize = "uniform".equals(mode)
                ? StandardSteps.create("normalize", Map.of("mode", "uniform", "height", "48"))
                : new NormalizeStep();
        PreprocessingChain chain = new PreprocessingChain(List.of(
                new PreprocessingChain.Step("contrast", new ContrastStep()),
                new PreprocessingChain.Step("deskew", new DeskewStep()),
                new PreprocessingChain.Step("deslant", new DeslantStep()),
                new PreprocessingChain.Step("crop", new CropStep()),
                new PreprocessingChain.Step("normalize", normalize)));
        Notes notes = new Notes();
        GrayImage out = chain.process(drawn.image(), notes);
        List<int[]> runs = inkRuns(out);
        assertEquals(GLYPHS.length(), runs.size(), "glyphs apart in the preprocessed line; " + notes);
        LinePlacement placement = LinePlacement.of(out);
        for (int i = 0; i < GLYPHS.length(); i++) {
            GrayImage glyph = drawn.glyphs().get(i);
            Box ink = DrawnText.inkBox(glyph, 0.5f);
            Box box = placement.bounds(placement.columns(runs.get(i)[0], runs.get(i)[1]));
            int inside = 0;
            int total = 0;
            for (int y = 0; y < glyph.height(); y++) {
                for (int x = 0; x < glyph.width(); x++) {
                    if (glyph.get(x, y) > 0.5f) continue;
                    total++;
                    if (x >= box.x() && x < box.right() && y >= box.y() && y < box.bottom()) inside++;
                }
            }
            double covered = (double) inside / total;
            String what = String.format(Locale.ROOT, "%s: ink %s, box %s, %.1f%% of the ink inside; %s",
                    GLYPHS.charAt(i), ink, box, 100 * covered, notes);
            assertTrue(covered >= 0.9, what);
            assertTrue(box.width() <= ink.width() + MARGIN && box.height() <= ink.height() + MARGIN, what);
            System.out.printf(Locale.ROOT, "rot %.1f slant %.1f %s %s: %.1f%% inside, box %+d x %+d px beyond the ink%n",
                    rotation, slant, mode, GLYPHS.charAt(i), 100 * covered, box.width() - ink.width(),
                    box.height() - ink.height());
        }
    }
}
