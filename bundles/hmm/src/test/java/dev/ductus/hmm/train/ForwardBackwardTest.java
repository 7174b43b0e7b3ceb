package dev.ductus.hmm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.hmm.TinyModels;
import dev.ductus.hmm.math.LogMath;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import org.junit.jupiter.api.Test;

/** Forward-backward and Viterbi against enumerating every state path of tiny line models. */
class ForwardBackwardTest {
    /** Log scores of all n^T state paths (LOG_ZERO for forbidden ones). */
    private static double[] allPathScores(LineHmm line, double[] em, int frames) {
        int n = line.size();
        int count = (int) Math.pow(n, frames);
        double[] scores = new double[count];
        int[] path = new int[frames];
        for (int p = 0; p < count; p++) {
            int rest = p;
            for (int t = 0; t < frames; t++) {
                path[t] = rest % n;
                rest /= n;
            }
            scores[p] = ViterbiAligner.pathScore(line, em, path);
        }
        return scores;
    }

    private static void checkAgainstBruteForce(CharacterHmms hmms, int[] labels, int frames, long seed) {
        LineHmm line = LineHmm.of(hmms, labels);
        int n = line.size();
        double[] em = TinyModels.randomEmissions(frames, n, seed);
        double[] all = allPathScores(line, em, frames);
        double total = LogMath.logSumExp(all, 0, all.length);
        ForwardBackward fb = ForwardBackward.run(line, em, frames);
        assertEquals(total, fb.logLikelihood(), 1e-9);

        // state occupancies
        double[][] occ = new double[frames][n];
        for (double[] row : occ) java.util.Arrays.fill(row, LogMath.LOG_ZERO);
        for (int p = 0; p < all.length; p++) {
            int rest = p;
            for (int t = 0; t < frames; t++) {
                occ[t][rest % n] = LogMath.logAdd(occ[t][rest % n], all[p]);
                rest /= n;
            }
        }
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < n; j++) {
                double expected = Math.exp(occ[t][j] - total);
                assertEquals(expected, Math.exp(fb.logOccupancy(t, j)), 1e-9, "t=" + t + " j=" + j);
            }
        }

        // Viterbi = the best path, and its recomputed score
        double best = LogMath.LOG_ZERO;
        for (double s : all) best = Math.max(best, s);
        Alignment a = ViterbiAligner.align("x", line, em, frames);
        assertEquals(best, a.logScore(), 1e-9);
        assertEquals(a.logScore(), ViterbiAligner.pathScore(line, em, a.lineStates()), 1e-9);
    }

    @Test
    void matchesBruteForceWithSkips() {
        checkAgainstBruteForce(TinyModels.spaceAB(0.1), new int[] {1, 2}, 5, 1);
    }

    @Test
    void matchesBruteForceWithOptionalSpaces() {
        checkAgainstBruteForce(TinyModels.spaceAB(0.1), new int[] {1, 0, 1}, 5, 2);
    }

    @Test
    void matchesBruteForceWithoutSkips() {
        checkAgainstBruteForce(TinyModels.spaceAB(0), new int[] {2, 0, 1}, 6, 3);
    }

    @Test
    void arcAndFinalPosteriorsSumToFrameCount() {
        CharacterHmms hmms = TinyModels.spaceAB(0.1);
        LineHmm line = LineHmm.of(hmms, new int[] {1, 0, 2, 1});
        int frames = 12;
        double[] em = TinyModels.randomEmissions(frames, line.size(), 4);
        ForwardBackward fb = ForwardBackward.run(line, em, frames);
        double sum = 0;
        for (int t = 0; t + 1 < frames; t++) {
            for (int a = 0; a < line.arcs(); a++) sum += Math.exp(fb.logArcPosterior(t, a));
        }
        for (int j = 0; j < line.size(); j++) {
            if (line.finalParam(j) >= 0) sum += Math.exp(fb.logFinalPosterior(j));
        }
        // every frame leaves its state exactly once (T - 1 transitions plus the final one)
        assertEquals(frames, sum, 1e-9);
    }

    @Test
    void tooFewFramesGiveZeroLikelihood() {
        CharacterHmms hmms = TinyModels.spaceAB(0);
        LineHmm line = LineHmm.of(hmms, new int[] {2, 2});
        int frames = line.minimumFrames() - 1;
        ForwardBackward fb = ForwardBackward.run(line, TinyModels.randomEmissions(frames, line.size(), 5), frames);
        assertTrue(fb.logLikelihood() == Double.NEGATIVE_INFINITY);
        assertEquals(null, ViterbiAligner.align("x", line, TinyModels.randomEmissions(frames, line.size(), 5), frames));
    }
}
