package dev.ductus.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeckFilterTest {
    @Test
    void strokeWidthIsTheMedianOfTheShorterRun() {
        // a 3 px wide stem, 10 rows high: every pixel's shorter run is 3
        String[] stem = new String[10];
        java.util.Arrays.fill(stem, "..###..");
        assertEquals(3, SpeckFilter.strokeWidth(ConnectedComponentsTest.mask(stem)));
        // an L: stem of width 2 (12 px) and a foot 2 high, 6 long (rows 6-7: runs of 6 across, 2 down):
        // shorter runs are 2 everywhere
        assertEquals(2, SpeckFilter.strokeWidth(ConnectedComponentsTest.mask(new String[] {
            "##....", "##....", "##....", "##....", "##....", "##....", "######", "######"})));
        assertEquals(0, SpeckFilter.strokeWidth(new InkMask(4, 4, new boolean[16])));
    }

    @Test
    void removesComponentsSmallerThanHalfTheSquaredStroke() {
        // stems of width 4 (minimum size max(3, 0.5 * 16) = 8): the 3x3 dot (9 px) stays, the pair and the
        // single pixel and the 2x3 blob (6 px) go
        String[] rows = {
            "####....####.......",
            "####....####...#...",
            "####....####.......",
            "####....####..##...",
            "####....####..##...",
            "####....####..##...",
            "####....####.......",
            "####....####.###...",
            "####....####.###.#.",
            "####....####.###.#."};
        InkMask mask = ConnectedComponentsTest.mask(rows);
        assertEquals(8, SpeckFilter.minSize(mask, 0.5));
        SpeckFilter.Cleaned cleaned = SpeckFilter.removeSpecks(mask, 0.5);
        assertEquals(3, cleaned.removed());
        InkMask expected = ConnectedComponentsTest.mask(new String[] {
            "####....####.......",
            "####....####.......",
            "####....####.......",
            "####....####.......",
            "####....####.......",
            "####....####.......",
            "####....####.......",
            "####....####.###...",
            "####....####.###...",
            "####....####.###..."});
        assertArrayEquals(expected.flags(), cleaned.mask().flags());
    }

    @Test
    void agreesWithConnectedComponentsOnRandomMasks() {
        Random random = new Random(9);
        for (int trial = 0; trial < 40; trial++) {
            int w = 5 + random.nextInt(30);
            int h = 5 + random.nextInt(20);
            double density = 0.1 + 0.5 * random.nextDouble();
            boolean[] ink = new boolean[w * h];
            for (int i = 0; i < ink.length; i++) ink[i] = random.nextDouble() < density;
            InkMask mask = new InkMask(w, h, ink);
            double relative = 0.2 + 2 * random.nextDouble();
            int minSize = SpeckFilter.minSize(mask, relative);
            ConnectedComponents cc = ConnectedComponents.label(mask);
            boolean[] expected = new boolean[ink.length];
            int specks = 0;
            for (int l = 1; l <= cc.count(); l++) if (cc.size(l) < minSize) specks++;
            for (int p = 0; p < ink.length; p++) expected[p] = cc.labels()[p] != 0 && cc.size(cc.labels()[p]) >= minSize;
            SpeckFilter.Cleaned cleaned = SpeckFilter.removeSpecks(mask, relative);
            assertArrayEquals(expected, cleaned.mask().flags(), "trial " + trial);
            assertEquals(specks, cleaned.removed(), "trial " + trial);
        }
    }

    @Test
    void offOrNothingToRemoveReturnsTheSameMask() {
        InkMask bar = ConnectedComponentsTest.mask(new String[] {"####", "####"});
        assertSame(bar, SpeckFilter.clean(bar, 0));
        assertSame(bar, SpeckFilter.clean(bar, 0.5));
        InkMask empty = new InkMask(3, 3, new boolean[9]);
        assertSame(empty, SpeckFilter.clean(empty, 0.5));
    }
}
