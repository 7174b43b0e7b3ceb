package dev.ductus.features.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ductus.features.Images;
import dev.ductus.features.window.SlidingWindow;
import org.junit.jupiter.api.Test;

class PixelWindowFeaturesTest {
    @Test
    void averagesRowPairsWhenHalvingTheHeight() {
        int w = 4;
        int h = 4;
        float[] p = Images.white(w, h);
        Images.ink(p, w, 1, 2, 0, 1); // one black pixel at (1, 0)
        Images.ink(p, w, 2, 3, 2, 4); // a black column piece at x = 2, rows 2-3
        float[] f = new PixelWindowFeatures(2, 2).extract(Images.image(w, h, p, null), new SlidingWindow(2, 2));
        // frame 0 covers columns 0-1, frame 1 columns 2-3; rows {0,1} and {2,3}
        assertEquals(8, f.length);
        assertEquals(0f, f[0], 1e-6);
        assertEquals(0.5f, f[1], 1e-6);
        assertEquals(0f, f[2], 1e-6);
        assertEquals(0f, f[3], 1e-6);
        assertEquals(0f, f[4], 1e-6);
        assertEquals(1f, f[6], 1e-6);
    }

    @Test
    void columnsOutsideTheImageAreWhite() {
        float[] p = new float[3 * 2]; // all black
        float[] f = new PixelWindowFeatures(4, 2).extract(Images.image(3, 2, p, null), new SlidingWindow(4, 2));
        // frame 0 starts at column -1
        assertEquals(0f, f[0], 1e-6);
        assertEquals(1f, f[1], 1e-6);
    }
}
