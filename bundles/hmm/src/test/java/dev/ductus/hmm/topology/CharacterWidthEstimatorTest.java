package dev.ductus.hmm.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CharacterWidthEstimatorTest {
    @Test
    void recoversKnownWidthsFromLineLengths() {
        double[] truth = {4, 9, 6, 12};
        Random r = new Random(1);
        CharacterWidthEstimator est = new CharacterWidthEstimator(truth.length);
        for (int l = 0; l < 400; l++) {
            int len = 3 + r.nextInt(10);
            int[] labels = new int[len];
            double frames = 5; // margin
            for (int i = 0; i < len; i++) {
                labels[i] = r.nextInt(truth.length);
                frames += truth[labels[i]] + r.nextGaussian();
            }
            est.add((int) Math.round(frames), labels);
        }
        double[] w = est.widths(1, 1);
        for (int c = 0; c < truth.length; c++) assertEquals(truth[c], w[c], 0.3, "symbol " + c);
    }

    @Test
    void unseenSymbolsGetTheAverageWidth() {
        CharacterWidthEstimator est = new CharacterWidthEstimator(3);
        for (int l = 0; l < 50; l++) est.add(20, new int[] {0, 0, 1, 1});
        double[] w = est.widths(2, 1);
        assertEquals(5.0, w[2], 1e-9);
    }

    @Test
    void stateCountsFollowWidthsWithinBounds() {
        assertArrayEquals(new int[] {2, 4, 8}, CharacterWidthEstimator.stateCounts(new double[] {1, 8.2, 40}, 2, 2, 8));
    }
}
