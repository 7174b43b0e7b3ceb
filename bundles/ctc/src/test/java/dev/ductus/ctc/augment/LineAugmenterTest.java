package dev.ductus.ctc.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineAugmenterTest {
    private static GrayImage bar() {
        float[] p = new float[20 * 10];
        java.util.Arrays.fill(p, 1f);
        for (int y = 2; y < 8; y++) for (int x = 8; x < 11; x++) p[y * 20 + x] = 0f;
        return new GrayImage(20, 10, p);
    }

    @Test
    void bilinearSamplingByHand() {
        GrayImage im = new GrayImage(2, 2, new float[] {0f, 1f, 0.5f, 0.25f});
        assertEquals(0.5f, LineAugmenter.sample(im, 0.5, 0), 1e-6);
        assertEquals((0 + 1 + 0.5 + 0.25) / 4, LineAugmenter.sample(im, 0.5, 0.5), 1e-6);
        assertEquals(1f, LineAugmenter.sample(im, -3, 0), 1e-6, "paper outside");
    }

    @Test
    void morphologyThickensAndThinsStrokesByOnePixel() {
        GrayImage thick = LineAugmenter.morphology(bar(), true);
        GrayImage thin = LineAugmenter.morphology(bar(), false);
        int ink = 0;
        int inkThick = 0;
        int inkThin = 0;
        for (int i = 0; i < 200; i++) {
            if (bar().pixels()[i] < 0.5f) ink++;
            if (thick.pixels()[i] < 0.5f) inkThick++;
            if (thin.pixels()[i] < 0.5f) inkThin++;
        }
        assertEquals(18, ink);
        assertEquals(5 * 8, inkThick);
        assertEquals(1 * 4, inkThin);
    }

    @Test
    void disabledSettingsChangeNothingAndASeedRepeats() {
        GrayImage im = bar();
        assertEquals(im, new LineAugmenter(LineAugmenter.Settings.none()).apply(im, new SplittableRandom(1)));
        LineAugmenter a = new LineAugmenter(new LineAugmenter.Settings(1, 2, 0.3, 0.1, 0.05, 1, 1.5, 4, 0));
        GrayImage x = a.apply(im, new SplittableRandom(5));
        GrayImage y = a.apply(im, new SplittableRandom(5));
        assertEquals(x, y);
        assertNotEquals(im, x);
        float min = 1;
        for (float v : x.pixels()) min = Math.min(min, v);
        assertTrue(min < 0.3f, "the ink survives the distortion");
    }
}
