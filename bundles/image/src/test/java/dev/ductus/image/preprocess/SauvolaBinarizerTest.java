package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SauvolaBinarizerTest {
    @Test
    void integralImageMatchesBruteForce() {
        Random random = new Random(7);
        int w = 13;
        int h = 9;
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) p[i] = random.nextFloat();
        GrayImage img = new GrayImage(w, h, p);
        IntegralImage integral = new IntegralImage(img);
        for (int trial = 0; trial < 200; trial++) {
            int x0 = random.nextInt(w + 6) - 3;
            int y0 = random.nextInt(h + 6) - 3;
            int x1 = x0 + random.nextInt(8);
            int y1 = y0 + random.nextInt(8);
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int y = Math.max(0, y0); y < Math.min(h, y1); y++) {
                for (int x = Math.max(0, x0); x < Math.min(w, x1); x++) {
                    sum += p[y * w + x];
                    sq += (double) p[y * w + x] * p[y * w + x];
                    n++;
                }
            }
            assertEquals(sum, integral.sum(x0, y0, x1, y1), 1e-9);
            assertEquals(sq, integral.sumOfSquares(x0, y0, x1, y1), 1e-9);
            assertEquals(n, integral.area(x0, y0, x1, y1));
        }
    }

    @Test
    void thresholdFollowsTheFormula() {
        // window values 0.2, 0.4, 0.6, 0.8: mean 0.5, population std sqrt(0.05)
        GrayImage img = new GrayImage(2, 2, new float[] {0.2f, 0.4f, 0.6f, 0.8f});
        double t = new SauvolaBinarizer(3, 0.3, 0.5).threshold(new IntegralImage(img), 0, 0, 2, 2);
        assertEquals(0.5 * (1 + 0.3 * (Math.sqrt(0.05) / 0.5 - 1)), t, 1e-6);
    }

    @Test
    void findsTextOnAGradientBackgroundWhereOtsuFails() {
        BufferedImage drawn = DrawnText.line(DrawnText.words(4, 5), DrawnText.font(40), 12).image();
        GrayImage clean = DrawnText.gray(drawn);
        int w = clean.width();
        int h = clean.height();
        // paper darkens from 1.0 on the right to 0.35 on the left; ink is 30 % of the paper's brightness
        float[] p = new float[w * h];
        boolean[] truth = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float paper = 0.35f + 0.65f * x / (w - 1);
                float coverage = 1 - clean.get(x, y);
                p[y * w + x] = paper * (1 - 0.7f * coverage);
                truth[y * w + x] = coverage >= 0.5f;
            }
        }
        GrayImage img = new GrayImage(w, h, p);
        double sauvola = f1(new SauvolaBinarizer(25, 0.2, 0.5).binarize(img).flags(), truth);
        double otsu = f1(OtsuThreshold.binarize(img).flags(), truth);
        System.out.printf(Locale.ROOT, "binarize gradient: F1 sauvola %.3f, otsu %.3f%n", sauvola, otsu);
        assertTrue(sauvola > 0.85, "Sauvola F1 " + sauvola);
        assertTrue(otsu < sauvola - 0.2, "Otsu F1 " + otsu + " should suffer from the gradient");
    }

    @Test
    void flatPaperIsNotInk() {
        GrayImage paper = new GrayImage(30, 30, filled(900, 0.6f));
        assertEquals(0, new SauvolaBinarizer(15, 0.2, 0.5).binarize(paper).count());
        GrayImage black = new GrayImage(30, 30, filled(900, 0f));
        assertEquals(900, new SauvolaBinarizer(15, 0.2, 0.5).binarize(black).count());
    }

    private static float[] filled(int n, float v) {
        float[] p = new float[n];
        java.util.Arrays.fill(p, v);
        return p;
    }

    private static double f1(boolean[] found, boolean[] truth) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < found.length; i++) {
            if (found[i] && truth[i]) tp++;
            else if (found[i]) fp++;
            else if (truth[i]) fn++;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    @Test
    void aNoisyScanIsMostlyPaperWithNoiseHandling() {
        NoisyScans.Line line = NoisyScans.line(1100, 150, 54, 10, -2);
        double drawn = NoisyScans.darkFraction(line.clean(), 0.5f);
        for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(line.clean(), 6), NoisyScans.speckle(line.clean(), 0.01, 6)}) {
            GrayImage img = new ContrastEnhancer().enhance(scan).image();
            double plain = fraction(Binarizer.sauvola(25, 0.2, 0.5).binarize(img));
            double handled = fraction(Binarizer.sauvola(25, 0.2, 0.5).with(NoiseHandling.DEFAULT).binarize(img));
            System.out.printf(Locale.ROOT, "sauvola %s: ink %.1f %% plain, %.1f %% with noise handling (drawn %.1f %%)%n",
                    scan.source(), 100 * plain, 100 * handled, 100 * drawn);
            assertTrue(handled < 0.10, scan.source() + " ink fraction " + handled);
            assertTrue(handled > 0.7 * drawn, scan.source() + " ink fraction " + handled + " drawn " + drawn);
        }
    }

    @Test
    void theNoiseMarginKeepsFlatNoisyPaperWhite() {
        // paper 0.74, noise 0.08: Sauvola's threshold 0.74 (1 + 0.2 (0.16 - 1)) = 0.62 is 1.5 sigma below the paper
        GrayImage paper = NoisyScans.degrade(GrayImage.blank(120, 80), 0.35, 0.065, 0.08, 8);
        SauvolaBinarizer sauvola = new SauvolaBinarizer(15, 0.2, 0.5);
        double plain = (double) sauvola.binarize(paper).count() / (120 * 80);
        assertEquals(0.067, plain, 0.02, "plain Sauvola takes the noise below 1.5 sigma for ink");
        // held 5 sigma below the local mean: a pixel in 3.5 million would pass
        assertEquals(0, sauvola.binarize(paper, 5 * 0.08).count());
    }

    private static double fraction(InkMask mask) {
        return (double) mask.count() / mask.flags().length;
    }
}
