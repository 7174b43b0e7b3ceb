package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import org.junit.jupiter.api.Test;

class ContrastEnhancerTest {
    @Test
    void stretchesTheFullRangeLinearly() {
        float[] p = {0.2f, 0.35f, 0.5f, 0.65f, 0.8f};
        ContrastEnhancer.Result r = new ContrastEnhancer(0, 100, 1, 0.05).enhance(new GrayImage(5, 1, p));
        assertTrue(r.stretched());
        assertEquals(0.2f, r.low(), 1e-4f);
        assertEquals(0.8f, r.high(), 1e-4f);
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, r.image().pixels(), 1e-4f);
    }

    @Test
    void percentilesIgnoreOutliersAndClip() {
        // 100 values: one black speck, 98 between 0.4 and 0.6, one white speck
        float[] p = new float[100];
        p[0] = 0f;
        for (int i = 1; i < 99; i++) p[i] = 0.4f + 0.2f * (i - 1) / 97f;
        p[99] = 1f;
        ContrastEnhancer.Result r = new ContrastEnhancer(2, 98, 1, 0.05).enhance(new GrayImage(100, 1, p));
        // 2nd percentile: the 2nd smallest value = p[1] = 0.4; 98th: the 98th smallest = p[97]
        assertEquals(0.4f, r.low(), 1e-4f);
        assertEquals(p[97], r.high(), 1e-4f);
        assertEquals(0f, r.image().pixels()[0]);
        assertEquals(1f, r.image().pixels()[99]);
        assertEquals(1f, r.image().pixels()[98]);
    }

    @Test
    void gammaIsAppliedAfterTheStretch() {
        float[] p = {0f, 0.5f, 1f};
        ContrastEnhancer.Result r = new ContrastEnhancer(0, 100, 2, 0.05).enhance(new GrayImage(3, 1, p));
        assertArrayEquals(new float[] {0, 0.25f, 1}, r.image().pixels(), 1e-4f);
    }

    @Test
    void flatImageIsLeftAlone() {
        GrayImage flat = new GrayImage(3, 1, new float[] {0.7f, 0.71f, 0.72f});
        ContrastEnhancer.Result r = new ContrastEnhancer().enhance(flat);
        assertFalse(r.stretched());
        assertSame(flat, r.image());
    }

    @Test
    void keepsGeometryAndSource() {
        GrayImage img = new GrayImage(2, 2, new float[] {0, 0.3f, 0.6f, 1}, new LineGeometry(0, 0, 1, 2), "a.png");
        GrayImage out = new ContrastEnhancer().enhance(img).image();
        assertEquals(img.geometry(), out.geometry());
        assertEquals("a.png", out.source());
    }
}
