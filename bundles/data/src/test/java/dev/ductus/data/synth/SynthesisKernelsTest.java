package dev.ductus.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynthesisKernelsTest {
    @Test
    void gaussianKernelMatchesHandValues() {
        float[] k = GaussianBlur.kernel(1.0);
        assertEquals(7, k.length);
        double sum = 1 + 2 * (Math.exp(-0.5) + Math.exp(-2) + Math.exp(-4.5));
        assertEquals(1 / sum, k[3], 1e-6);
        assertEquals(Math.exp(-0.5) / sum, k[2], 1e-6);
        assertEquals(Math.exp(-4.5) / sum, k[0], 1e-6);
    }

    @Test
    void blurKeepsConstantsAndSpreadsAnImpulseByTheKernel() {
        float[] flat = new float[30];
        java.util.Arrays.fill(flat, 0.7f);
        GaussianBlur.apply(flat, 6, 5, 1.3);
        for (float v : flat) assertEquals(0.7f, v, 1e-5f);

        float[] impulse = new float[11 * 11];
        impulse[5 * 11 + 5] = 1;
        GaussianBlur.apply(impulse, 11, 11, 1.0);
        float[] k = GaussianBlur.kernel(1.0);
        assertEquals(k[3] * k[3], impulse[5 * 11 + 5], 1e-6);
        assertEquals(k[2] * k[4], impulse[4 * 11 + 6], 1e-6);
    }

    @Test
    void smoothNoiseStaysInRangeAndElasticWithoutStrengthIsIdentity() {
        float[] f = SmoothNoise.field(50, 20, 8, new SplittableRandom(1));
        for (float v : f) assertTrue(v >= -1 && v <= 1);
        InkMap ink = new InkMap(4, 3, new float[] {0, 1, 0, 0, 0, 0.5f, 0.5f, 0, 1, 0, 0, 1});
        assertEquals(ink, ElasticDistortion.apply(ink, 0, 8, new SplittableRandom(1)));
        InkMap moved = ElasticDistortion.apply(ink, 2, 8, new SplittableRandom(1));
        assertEquals(4, moved.width());
    }

    @Test
    void inkMapSamplesBilinearlyAndFindsItsInk() {
        InkMap ink = new InkMap(3, 2, new float[] {0, 1, 0, 0, 0, 0});
        assertEquals(0.5f, ink.sample(0.5f, 0), 1e-6f);
        assertEquals(0.25f, ink.sample(0.5f, 0.5f), 1e-6f);
        assertEquals(new dev.ductus.api.Box(1, 0, 1, 1), ink.inkBox(0.1f));
        InkMap big = new InkMap(5, 5);
        big.stamp(ink, 2, 3);
        assertEquals(1f, big.get(3, 3));
    }

    @Test
    void cleanPaperAndInkIsBlackOnWhite() {
        InkMap ink = new InkMap(2, 1, new float[] {0, 1});
        assertArrayEquals(new float[] {1, 0}, PaperAndInk.CLEAN.render(ink, new SplittableRandom(0)), 1e-6f);
    }

    @Test
    void aFontDrawsOnlyCharactersItHasRealGlyphsFor() {
        HandwritingFont serif = new HandwritingFont("serif", new Font(Font.SERIF, Font.PLAIN, 10));
        assertTrue(serif.canDraw("Call me Ishmael, 1851!"));
        assertFalse(serif.canDraw("private \uE000 use"));
    }

    @Test
    void renderedLinesHaveAHandwritingBodySizeAndAreDeterministic() {
        HandwritingFont serif = new HandwritingFont("serif", new Font(Font.SERIF, Font.ITALIC, 10));
        WritingStyle style = WritingStyle.sample(new SplittableRandom(3), 1);
        HandwritingRenderer.InkLine a = HandwritingRenderer.render("Some years ago", serif, style, new SplittableRandom(4));
        HandwritingRenderer.InkLine b = HandwritingRenderer.render("Some years ago", serif, style, new SplittableRandom(4));
        assertArrayEquals(a.ink().ink(), b.ink().ink());
        assertTrue(a.ink().height() >= 30 && a.ink().height() <= 140, "height " + a.ink().height());
        assertTrue(a.baseline() > 0 && a.baseline() < a.ink().height());
    }
}
