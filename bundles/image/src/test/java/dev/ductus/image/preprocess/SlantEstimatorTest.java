package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SlantEstimatorTest {
    private static final double[] SLANTS = {0, 10, 20, 30, -15};

    @Test
    void findsTheShearOfADrawnLine() {
        BufferedImage line = DrawnText.line("minimum hilly kind bold fight", DrawnText.font(48), 10).image();
        double total = 0;
        for (double slant : SLANTS) {
            GrayImage img = DrawnText.gray(DrawnText.slant(line, slant));
            double estimate = new SlantEstimator().estimate(OtsuThreshold.binarize(img));
            System.out.printf(Locale.ROOT, "slant: true %5.1f estimated %6.2f%n", slant, estimate);
            assertEquals(slant, estimate, 3.5, "line sheared by " + slant);
            total += Math.abs(estimate - slant);
        }
        System.out.printf(Locale.ROOT, "slant: mean |error| %.3f deg%n", total / SLANTS.length);
    }

    @Test
    void findsTheSlantOfAnObliqueFont() {
        // DejaVu Sans Oblique leans about 11 degrees: a real italic, not a sheared image
        Font oblique = DrawnText.font(48).deriveFont(Font.ITALIC);
        BufferedImage line = DrawnText.line("minimum hilly kind bold fight", oblique, 10).image();
        double estimate = new SlantEstimator().estimate(OtsuThreshold.binarize(DrawnText.gray(line)));
        System.out.printf(Locale.ROOT, "slant oblique font: estimated %6.2f%n", estimate);
        assertEquals(11, estimate, 3.5);
    }

    @Test
    void shearingByTheEstimateMakesStrokesUpright() {
        BufferedImage line = DrawnText.line("little mill will hum", DrawnText.font(40), 10).image();
        GrayImage slanted = DrawnText.gray(DrawnText.slant(line, 25));
        double estimate = new SlantEstimator().estimate(OtsuThreshold.binarize(slanted));
        GrayImage upright = ImageShear.shear(slanted, estimate);
        assertEquals(0, new SlantEstimator().estimate(OtsuThreshold.binarize(upright)), 2.0);
    }

    @Test
    void aSingleVerticalBarScoresItsHeightSquared() {
        boolean[] ink = new boolean[10 * 20];
        for (int y = 3; y < 15; y++) ink[y * 10 + 4] = true;
        InkMask mask = new InkMask(10, 20, ink);
        assertEquals(144, SlantEstimator.score(mask, 0));
        assertTrue(SlantEstimator.score(mask, 30) < 144);
        assertEquals(0, new SlantEstimator().estimate(mask), 0.5);
    }

    @Test
    void findsTheSlantOfAFadedNoisyScanAndOfASpeckledOne() {
        for (double slant : new double[] {10, 25, -10}) {
            NoisyScans.Line line = NoisyScans.line(1100, 150, 54, slant, 0);
            double clean = new SlantEstimator().estimate(OtsuThreshold.binarize(line.clean()));
            for (GrayImage scan : new GrayImage[] {NoisyScans.degrade(line.clean(), 3), NoisyScans.speckle(line.clean(), 0.01, 3)}) {
                GrayImage img = new ContrastEnhancer().enhance(scan).image();
                double estimate = new SlantEstimator().estimate(Binarizer.standard().binarize(img));
                System.out.printf(Locale.ROOT, "slant %s: true %5.1f clean %6.2f estimated %6.2f%n", scan.source(), slant,
                        clean, estimate);
                assertEquals(slant, estimate, 4, scan.source() + " sheared by " + slant);
            }
        }
    }
}
