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
    void handWorkedNeighbourDifferences() {
        // pairs: |0.6-0.5| = 0.1, |0.5-0.6| = 0.1, |0.7-0.5| = 0.2, |0.7-0.7| = 0 (left out); 3 of 4 unequal,
        // median 0.1, sigma 0.1 / (0.6745 sqrt 2), to the resolution of the difference histogram
        GrayImage img = new GrayImage(5, 1, new float[] {0.5f, 0.6f, 0.5f, 0.7f, 0.7f});
        assertEquals(0.1 / (0.6745 * Math.sqrt(2)), PaperNoise.pixelNoise(img), 0.001);
        // mostly equal neighbours: the unequal ones are edges, not noise
        GrayImage edges = new GrayImage(6, 1, new float[] {1, 1, 1, 0, 0, 0});
        assertEquals(0, PaperNoise.pixelNoise(edges));
    }

    @Test
    void handWorkedPaperLevel() {
        // a narrow peak at level 100 beats a wider, lower hump and the 40 ink pixels at level 10
        long[] h = new long[256];
        h[100] = 50;
        h[102] = 10;
        h[106] = 10;
        h[10] = 40;
        assertEquals(100 / 255.0, PaperNoise.paperLevel(h, 0.01), 1e-9);
        // a pile of clipped white is one level; the paper's hump of 5 levels around 180 holds more
        long[] clipped = new long[256];
        for (int i = 178; i <= 182; i++) clipped[i] = 30;
        clipped[181] = 31;
        clipped[255] = 100;
        assertEquals(181 / 255.0, PaperNoise.paperLevel(clipped, 0.01), 1e-9);
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
        NoisyScans.Line line = NoisyScans.line(400, 100, 40, 0, 0);
        for (double sigma : new double[] {0.03, 0.08}) {
            GrayImage noisy = NoisyScans.degrade(line.clean(), 0.35, 0.065, sigma, 1);
            PaperNoise n = PaperNoise.of(noisy);
            assertEquals(0.74, n.paper(), 0.02, "paper of noise " + sigma);
            assertEquals(sigma, n.sigma(), 0.1 * sigma, "noise " + sigma);
            assertTrue(n.noticeable());
        }
    }

    @Test
    void neitherFlatFillNorShadingChangesTheNoise() {
        Random random = new Random(2);
        int w = 1000;
        int h = 100;
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // a third is flat paper a rotation put around the scan; the rest drifts by 0.3 over the width
                p[y * w + x] = x < 300 ? 0.6f
                        : (float) Math.max(0, Math.min(1, 0.45 + 0.3 * x / w + 0.05 * random.nextGaussian()));
            }
        }
        assertEquals(0.05, PaperNoise.pixelNoise(new GrayImage(w, h, p)), 0.004);
    }
}
