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

class SkewEstimatorTest {
    private static final double[] ANGLES = {-7, -2, 0, 3.5, 10};

    @Test
    void findsTheRotationOfADrawnParagraph() {
        BufferedImage paragraph = DrawnText.paragraph(3, DrawnText.font(28), 40, 0).image();
        double total = 0;
        for (double angle : ANGLES) {
            GrayImage img = DrawnText.gray(DrawnText.rotate(paragraph, angle));
            double estimate = new SkewEstimator().estimate(OtsuThreshold.binarize(img));
            System.out.printf(Locale.ROOT, "skew paragraph: true %5.1f estimated %6.2f%n", angle, estimate);
            assertEquals(angle, estimate, 0.5, "paragraph rotated by " + angle);
            total += Math.abs(estimate - angle);
        }
        System.out.printf(Locale.ROOT, "skew paragraph: mean |error| %.3f deg%n", total / ANGLES.length);
    }

    @Test
    void findsTheRotationOfASingleLine() {
        BufferedImage line = DrawnText.line(DrawnText.words(3, 7), DrawnText.font(40), 10).image();
        double total = 0;
        for (double angle : ANGLES) {
            GrayImage img = DrawnText.gray(DrawnText.rotate(line, angle));
            double estimate = new SkewEstimator().estimate(OtsuThreshold.binarize(img));
            System.out.printf(Locale.ROOT, "skew line: true %5.1f estimated %6.2f%n", angle, estimate);
            assertEquals(angle, estimate, 0.5, "line rotated by " + angle);
            total += Math.abs(estimate - angle);
        }
        System.out.printf(Locale.ROOT, "skew line: mean |error| %.3f deg%n", total / ANGLES.length);
    }

    @Test
    void toleratesNoiseAndLowContrast() {
        BufferedImage paragraph = DrawnText.paragraph(4, DrawnText.font(26), 36, 0).image();
        Random random = new Random(11);
        for (double angle : new double[] {-4, 3.5}) {
            GrayImage clean = DrawnText.gray(DrawnText.rotate(paragraph, angle));
            float[] p = clean.pixels().clone();
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) Math.min(1, Math.max(0, 0.3 + 0.5 * p[i] + 0.08 * random.nextGaussian()));
            }
            GrayImage noisy = new GrayImage(clean.width(), clean.height(), p);
            double estimate = new SkewEstimator().estimate(new SauvolaBinarizer(25, 0.2, 0.5).binarize(noisy));
            System.out.printf(Locale.ROOT, "skew noisy: true %5.1f estimated %6.2f%n", angle, estimate);
            assertEquals(angle, estimate, 0.5);
        }
    }

    @Test
    void rotatingByTheNegativeEstimateLevelsTheText() {
        BufferedImage line = DrawnText.line(DrawnText.words(1, 6), DrawnText.font(36), 10).image();
        GrayImage skewed = DrawnText.gray(DrawnText.rotate(line, 4));
        double estimate = new SkewEstimator().estimate(OtsuThreshold.binarize(skewed));
        GrayImage level = ImageRotation.rotate(skewed, -estimate);
        double residual = new SkewEstimator().estimate(OtsuThreshold.binarize(level));
        assertEquals(0, residual, 0.3);
    }

    @Test
    void theScorePeaksAtTheTrueAngle() {
        BufferedImage line = DrawnText.line(DrawnText.words(2, 6), DrawnText.font(32), 10).image();
        InkMask mask = OtsuThreshold.binarize(DrawnText.gray(DrawnText.rotate(line, 5)));
        double atTruth = SkewEstimator.score(mask, 5);
        assertTrue(atTruth > SkewEstimator.score(mask, 3));
        assertTrue(atTruth > SkewEstimator.score(mask, 7));
        assertTrue(atTruth > SkewEstimator.score(mask, -5));
    }

    @Test
    void noInkMeansNoSkew() {
        InkMask empty = new InkMask(20, 10, new boolean[200]);
        assertEquals(0, new SkewEstimator().estimate(empty));
    }

    @Test
    void findsTheSkewOfAFadedNoisyScanAndOfASpeckledOne() {
        // Serif 54 px, slant 10, skew -2 on 1100x150; contrast cut to 0.35 with noise 0.08, or 1 % salt and pepper
        NoisyScans.Line line = NoisyScans.line(1100, 150, 54, 10, -2);
        for (int seed = 1; seed <= 3; seed++) {
            for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(line.clean(), seed), NoisyScans.speckle(line.clean(), 0.01, seed)}) {
                GrayImage img = new ContrastEnhancer().enhance(scan).image();
                double estimate = new SkewEstimator().estimate(Binarizer.standard().binarize(img));
                System.out.printf(Locale.ROOT, "skew %s: true -2.0 estimated %6.2f%n", scan.source(), estimate);
                assertEquals(-2, estimate, 0.5, scan.source() + " seed " + seed);
            }
        }
    }
}
