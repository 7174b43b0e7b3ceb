package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.GrayImage;
import org.junit.jupiter.api.Test;

class OtsuThresholdTest {
    /**
     * The 6-level, 36-pixel example worked by hand (as in Otsu's method tutorials): counts 8, 7, 2, 6, 9, 4 of
     * levels 0..5. For split k (levels 0..k against k+1..5), w0 w1 (mu0 - mu1)^2:
     * k=0: 8/36 * 28/36 * (0 - 85/28)^2 = 1.5928; k=1: 15/36 * 21/36 * (7/15 - 26/7)^2 = 2.5635;
     * k=2: 17/36 * 19/36 * (11/17 - 74/19)^2 = 2.6287; k=3: 23/36 * 13/36 * (29/23 - 56/13)^2 = 2.1417;
     * k=4: 32/36 * 4/36 * (65/32 - 5)^2 = 0.8705. The maximum is at k=2: levels 0-2 against 3-5.
     */
    @Test
    void handWorkedHistogram() {
        long[] histogram = {8, 7, 2, 6, 9, 4};
        double[] expected = {7225.0 / 4536, 116281.0 / 45360, 1100401.0 / 418608, 829921.0 / 387504, 9025.0 / 10368};
        assertArrayEquals(expected, OtsuThreshold.betweenClassVariances(histogram), 1e-12);
        assertEquals(2, OtsuThreshold.split(histogram));
    }

    @Test
    void emptyLevelsBetweenTwoModesSplitInTheMiddle() {
        long[] histogram = new long[256];
        histogram[10] = 50;
        histogram[250] = 50;
        // every split from 10 to 249 separates the two modes equally well: the middle of that plateau
        assertEquals((10 + 249) / 2, OtsuThreshold.split(histogram));
    }

    @Test
    void oneLevelHasNothingToSplit() {
        long[] histogram = new long[256];
        histogram[200] = 99;
        assertEquals(-1, OtsuThreshold.split(histogram));
        GrayImage gray = new GrayImage(3, 3, new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f});
        assertEquals(0, OtsuThreshold.binarize(gray).count());
    }

    @Test
    void separatesInkFromPaper() {
        float[] p = {0.1f, 0.15f, 0.9f, 0.95f, 0.2f, 0.85f, 0.92f, 0.88f};
        InkMask mask = OtsuThreshold.binarize(new GrayImage(4, 2, p));
        boolean[] expected = {true, true, false, false, true, false, false, false};
        assertArrayEquals(expected, mask.flags());
        float t = OtsuThreshold.threshold(new GrayImage(4, 2, p));
        assertTrue(t > 0.2f && t < 0.85f, "threshold " + t);
        assertFalse(mask.isInk(2, 0));
    }
}
