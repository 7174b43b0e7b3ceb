package dev.ductus.attention.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Prefix and full-sequence CTC probabilities against the sum over every frame path (brute force). */
class CtcPrefixScorerTest {
    private static final int T = 6;
    private static final int K = 3;   // blank + 2 labels

    private static float[] posteriors(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] lp = new float[T * K];
        for (int t = 0; t < T; t++) {
            double[] p = new double[K];
            double sum = 0;
            for (int k = 0; k < K; k++) {
                p[k] = rnd.nextDouble(0.05, 1);
                sum += p[k];
            }
            for (int k = 0; k < K; k++) lp[t * K + k] = (float) Math.log(p[k] / sum);
        }
        return lp;
    }

    /** Every path's collapse (repeats merged, blanks dropped) with its probability. */
    private static List<Object[]> paths(float[] lp) {
        List<Object[]> out = new ArrayList<>();
        int n = (int) Math.pow(K, T);
        for (int code = 0; code < n; code++) {
            int c = code;
            double logp = 0;
            List<Integer> labels = new ArrayList<>();
            int prev = -1;
            for (int t = 0; t < T; t++) {
                int k = c % K;
                c /= K;
                logp += lp[t * K + k];
                if (k != 0 && k != prev) labels.add(k);
                prev = k;
            }
            out.add(new Object[] {labels, Math.exp(logp)});
        }
        return out;
    }

    @Test
    void prefixAndEndScoresEqualTheSumsOverAllPaths() {
        for (long seed = 1; seed <= 5; seed++) {
            float[] lp = posteriors(seed);
            List<Object[]> paths = paths(lp);
            CtcPrefixScorer scorer = new CtcPrefixScorer(lp, T, K);
            for (int[] prefix : new int[][] {{1}, {2}, {1, 1}, {1, 2}, {2, 1, 2}, {1, 1, 2}, {2, 2, 1}}) {
                CtcPrefixScorer.State st = scorer.initial();
                for (int c : prefix) st = scorer.extend(st, c);
                double starts = 0;
                double exact = 0;
                for (Object[] p : paths) {
                    @SuppressWarnings("unchecked")
                    List<Integer> labels = (List<Integer>) p[0];
                    boolean isPrefix = labels.size() >= prefix.length;
                    for (int i = 0; isPrefix && i < prefix.length; i++) isPrefix = labels.get(i) == prefix[i];
                    if (isPrefix) starts += (double) p[1];
                    if (isPrefix && labels.size() == prefix.length) exact += (double) p[1];
                }
                String name = java.util.Arrays.toString(prefix) + " seed " + seed;
                assertEquals(Math.log(starts), st.score(), 1e-5, "prefix " + name);
                if (exact > 0) assertEquals(Math.log(exact), scorer.end(st), 1e-5, "whole line " + name);
            }
            // the empty line: every frame blank
            double blank = 0;
            for (int t = 0; t < T; t++) blank += lp[t * K];
            assertEquals(blank, scorer.end(scorer.initial()), 1e-6);
        }
    }
}
