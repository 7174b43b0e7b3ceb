package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineBandsTest {
    @Test
    void cutsAtTheValleysBetweenPeaks() {
        double[] profile = new double[60];
        bump(profile, 10, 5, 100);
        bump(profile, 30, 5, 80);
        bump(profile, 50, 5, 90);
        LineBands.Bands bands = LineBands.find(profile, 1.5, 0.6);
        assertArrayEquals(new int[] {10, 30, 50}, bands.peaks());
        assertEquals(20, bands.cuts()[0], 1);
        assertEquals(40, bands.cuts()[1], 1);
        assertEquals(0, bands.bandOf(5));
        assertEquals(1, bands.bandOf(bands.cuts()[0]));
        assertEquals(2, bands.bandOf(59));
    }

    @Test
    void shallowValleysAndSmallBumpsAreOneLine() {
        double[] profile = new double[40];
        bump(profile, 15, 4, 100);
        bump(profile, 22, 4, 90);
        bump(profile, 2, 1, 5);
        LineBands.Bands bands = LineBands.find(profile, 1.0, 0.6);
        assertEquals(1, bands.count());
    }

    @Test
    void peaksMuchCloserThanTheLineDistanceMerge() {
        double[] profile = new double[100];
        bump(profile, 10, 3, 100);
        bump(profile, 40, 3, 100);
        bump(profile, 47, 2, 40);
        bump(profile, 70, 3, 100);
        LineBands.Bands bands = LineBands.find(profile, 0.5, 0.6);
        assertArrayEquals(new int[] {10, 40, 70}, bands.peaks());
    }

    @Test
    void pitchIsTheAutocorrelationPeriod() {
        double[] profile = new double[200];
        for (int line = 0; line < 5; line++) bump(profile, 20 + 37 * line, 8, 100 - 10 * line);
        assertEquals(37, LineBands.pitch(profile), 1);
        double[] single = new double[80];
        bump(single, 40, 10, 100);
        assertTrue(Double.isNaN(LineBands.pitch(single)));
    }

    @Test
    void coresAreTheDenseRowsOfEachBand() {
        // per line: 4 sparse ascender rows (10), 8 dense core rows (100), 4 sparse descender rows (10)
        double[] profile = new double[60];
        for (int start : new int[] {5, 35}) {
            for (int i = 0; i < 4; i++) profile[start + i] = 10;
            for (int i = 4; i < 12; i++) profile[start + i] = 100;
            for (int i = 12; i < 16; i++) profile[start + i] = 10;
        }
        LineBands.Bands bands = LineBands.find(profile, 2, 0.6);
        assertEquals(2, bands.count());
        // one row of smoothing (sigma 1) on each side still reaches half the maximum
        assertEquals(9, bands.coreStart()[0], 1);
        assertEquals(17, bands.coreEnd()[0], 1);
        assertEquals(39, bands.coreStart()[1], 1);
        assertEquals(47, bands.coreEnd()[1], 1);
    }

    @Test
    void smoothingKeepsTheMassAndTheCentre() {
        double[] profile = new double[31];
        profile[15] = 10;
        double[] s = LineBands.smooth(profile, 2);
        double total = 0;
        for (double v : s) total += v;
        assertEquals(10, total, 1e-9);
        assertEquals(s[13], s[17], 1e-12);
    }

    private static void bump(double[] p, int centre, int halfWidth, double height) {
        for (int i = centre - halfWidth; i <= centre + halfWidth; i++) {
            p[i] += height * (1 - Math.abs(i - centre) / (double) (halfWidth + 1));
        }
    }
}
