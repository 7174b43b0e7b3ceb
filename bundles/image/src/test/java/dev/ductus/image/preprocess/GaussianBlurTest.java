package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {
    @Test
    void matchesTheBruteForceTwoDimensionalConvolution() {
        Random random = new Random(3);
        int w = 17;
        int h = 11;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) p[i] = random.nextFloat();
        GrayImage img = new GrayImage(w, h, p);
        for (double sigma : new double[] {0.6, 1.0, 2.5}) {
            int radius = Math.max(1, (int) Math.ceil(3 * sigma));
            double total = 0;
            for (int dy = -radius; dy <= radius; dy++) {
                for (int dx = -radius; dx <= radius; dx++) total += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
            }
            float[] expected = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int dy = -radius; dy <= radius; dy++) {
                        for (int dx = -radius; dx <= radius; dx++) {
                            // edges repeat the border pixel
                            int xx = Math.max(0, Math.min(w - 1, x + dx));
                            int yy = Math.max(0, Math.min(h - 1, y + dy));
                            s += Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) * p[yy * w + xx];
                        }
                    }
                    expected[y * w + x] = (float) (s / total);
                }
            }
            assertArrayEquals(expected, GaussianBlur.blur(img, sigma).pixels(), 1e-5f, "sigma " + sigma);
        }
    }

    @Test
    void theKernelIsNormalisedAndCutAtThreeSigma() {
        float[] k = GaussianBlur.kernel(1.0);
        assertEquals(7, k.length);
        double sum = 0;
        for (float v : k) sum += v;
        assertEquals(1, sum, 1e-6);
        // hand-worked: exp(-1/2) / (1 + 2 exp(-1/2) + 2 exp(-2) + 2 exp(-9/2))
        double norm = 1 + 2 * Math.exp(-0.5) + 2 * Math.exp(-2) + 2 * Math.exp(-4.5);
        assertEquals(1 / norm, k[3], 1e-6);
        assertEquals(Math.exp(-0.5) / norm, k[2], 1e-6);
        assertEquals(k[2], k[4]);
    }

    @Test
    void flatPaperStaysFlatAndZeroSigmaChangesNothing() {
        float[] p = new float[40];
        java.util.Arrays.fill(p, 0.7f);
        GrayImage flat = new GrayImage(8, 5, p, new LineGeometry(0, 1, 3, 5), "flat.png");
        GrayImage out = GaussianBlur.blur(flat, 1.3);
        for (float v : out.pixels()) assertEquals(0.7f, v, 1e-6f);
        assertEquals(flat.geometry(), out.geometry());
        assertEquals("flat.png", out.source());
        assertSame(flat, GaussianBlur.blur(flat, 0));
    }

    @Test
    void dividesPixelNoiseByAboutTwoSigmaRootPi() {
        Random random = new Random(5);
        int w = 200;
        float[] p = new float[w * w];
        for (int i = 0; i < p.length; i++) p[i] = (float) (0.5 + 0.1 * random.nextGaussian());
        GrayImage out = GaussianBlur.blur(new GrayImage(w, w, p), 1.0);
        double mean = 0;
        for (float v : out.pixels()) mean += v;
        mean /= out.pixels().length;
        double var = 0;
        for (float v : out.pixels()) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / out.pixels().length);
        // continuous theory: sigma_noise / (2 sqrt(pi) sigma) = 0.0282; the cut, sampled kernel gives a bit more
        assertTrue(sd > 0.026 && sd < 0.032, "noise after blur " + sd);
        assertEquals(sd, 0.1 * GaussianBlur.noiseGain(1.0), 0.001);
        assertEquals(1, GaussianBlur.noiseGain(0));
    }
}
