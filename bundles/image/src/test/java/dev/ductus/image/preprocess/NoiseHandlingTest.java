package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import dev.ductus.image.DrawnText;
import dev.ductus.image.NoisyScans;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NoiseHandlingTest {
    @Test
    void aCleanDrawingGetsThePlainMask() {
        for (int size : new int[] {20, 36, 54}) {
            GrayImage clean = DrawnText.gray(DrawnText.line(DrawnText.words(size, 5), DrawnText.font(size), 8).image());
            for (Binarizer plain : new Binarizer[] {Binarizer.otsu(), Binarizer.sauvola(25, 0.2, 0.5)}) {
                NoiseHandling.Result r = plain.with(NoiseHandling.DEFAULT).find(clean);
                assertFalse(r.smoothed(), plain.describe());
                assertEquals(0, r.specks(), plain.describe() + " " + size + " px");
                assertArrayEquals(plain.binarize(clean).flags(), r.mask().flags(), plain.describe() + " " + size + " px");
            }
        }
    }

    @Test
    void aNoisyScanIsSmoothedAndKeptBelowThePaperNoise() {
        NoisyScans.Line line = NoisyScans.line(1100, 150, 54, 10, -2);
        GrayImage noisy = new ContrastEnhancer().enhance(NoisyScans.degrade(line.clean(), 1)).image();
        int truth = OtsuThreshold.binarize(line.clean()).count();
        double plain = fraction(Binarizer.otsu().binarize(noisy));
        NoiseHandling.Result r = Binarizer.standard().find(noisy);
        System.out.printf(Locale.ROOT, "noise handling: ink plain otsu %.1f %%, with noise handling %.1f %% (drawn %.1f %%), %s%n",
                100 * plain, 100 * fraction(r.mask()), 100.0 * truth / noisy.pixels().length, r.describe());
        assertTrue(plain > 0.15, "the test image must defeat a plain threshold: " + plain);
        assertTrue(r.smoothed());
        assertTrue(r.describe().startsWith("pixel noise 0.1"), r.describe());
        assertEquals(truth, r.mask().count(), 0.2 * truth);
    }

    @Test
    void theNoiseFloorStopsOtsuSplittingThePaperOfAThinLine() {
        // thin Sans strokes on a wide page: the ink is 2 % of it, so Otsu alone splits the paper's noise
        NoisyScans.Line line = NoisyScans.line("thin strokes on a wide page", DrawnText.font(28), 1100, 150, 0, 0);
        GrayImage noisy = new ContrastEnhancer().enhance(NoisyScans.degrade(line.clean(), 2)).image();
        int truth = OtsuThreshold.binarize(line.clean()).count();
        InkMask blurredOnly = OtsuThreshold.binarize(GaussianBlur.blur(noisy, 1));
        InkMask handled = Binarizer.standard().binarize(noisy);
        System.out.printf(Locale.ROOT, "noise floor: drawn %d px, blurred Otsu %d px, with floor %d px%n", truth,
                blurredOnly.count(), handled.count());
        assertTrue(blurredOnly.count() > 5 * truth, "Otsu after the blur alone should fail here: " + blurredOnly.count());
        assertEquals(truth, handled.count(), 0.5 * truth);
    }

    @Test
    void offIsThePlainThresholdAndBadValuesAreRefused() {
        GrayImage noisy = NoisyScans.degrade(NoisyScans.line(300, 80, 30, 0, 0).clean(), 4);
        NoiseHandling.Result r = Binarizer.otsu().find(noisy);
        assertArrayEquals(OtsuThreshold.binarize(noisy).flags(), r.mask().flags());
        assertEquals("", r.describe());
        assertTrue(NoiseHandling.OFF.off());
        assertEquals("", NoiseHandling.OFF.describe());
        assertEquals("smoothing 1.0, despeckle 0.50", NoiseHandling.DEFAULT.describe());
        assertThrows(IllegalArgumentException.class, () -> new NoiseHandling(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new NoiseHandling(0, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new Binarizer(Binarizer.Method.OTSU, 25, 0.2, 0.5, Double.NaN, 0));
    }

    private static double fraction(InkMask mask) {
        return (double) mask.count() / mask.flags().length;
    }
}
