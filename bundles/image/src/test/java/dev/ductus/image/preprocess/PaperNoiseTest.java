package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PaperNoiseTest {
    @Test
    void handWorkedHistogram() {
        // paper at level 100; above it 10 pixels at +2 levels and 10 at +6: median offset 2 levels (the 10th of
        // 20, counted from the bottom), so sigma = 2 / 255 / 0.6745; the ink at level 10 is ignored
        long[] h = new long[256];
        h[100] = 50;
        h[102] = 10;
        h[106] = 10;
        h[10] = 40;
        PaperNoise n = PaperNoise.of(h);
        assertEquals(100 / 255.0, n.paper(), 1e-9);
        assertEquals(2 / 255.0 / 0.6745, n.sigma(), 1e-9);
    }

    @Test
    void aCleanDrawingHasWhitePaperAndNoNoise() {
        GrayImage clean = DrawnText.gray(DrawnText.line("quiet paper", DrawnText.font(30), 8).image());
        PaperNoise n = PaperNoise.of(clean);
        assertEquals(1.0, n.paper(), 1e-9);
        assertEquals(0.0, n.sigma(), 1e-9);
        assertFalse(n.noticeable());
    }

    @Test
    void measuresGaussianNoiseWhateverTheInk() {
        NoisyScans.Line line = NoisyScans.line(300, 80, 40, 0, 0);
        for (double sigma : new double[] {0.03, 0.08}) {
            GrayImage noisy = NoisyScans.degrade(line.clean(), 0.35, 0.065, sigma, 1);
            PaperNoise n = PaperNoise.of(noisy);
            assertEquals(0.74, n.paper(), 0.02, "paper of noise " + sigma);
            assertEquals(sigma, n.sigma(), 0.15 * sigma, "noise " + sigma);
            assertTrue(n.noticeable());
        }
    }

    @Test
    void neitherAClippedPileNorFlatFillHidesTheNoise() {
        Random random = new Random(2);
        int n = 100_000;
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            if (i < 2_000) p[i] = 1f; // the brightest 2 % clipped to white by a contrast stretch
            else if (i < 30_000) p[i] = 0.6f; // flat paper a rotation put around the scan
            else p[i] = (float) Math.max(0, Math.min(1, 0.6 + 0.1 * random.nextGaussian()));
        }
        PaperNoise noise = PaperNoise.of(new GrayImage(1000, 100, p));
        assertEquals(0.6, noise.paper(), 0.01);
        assertEquals(0.1, noise.sigma(), 0.015);
    }
}
