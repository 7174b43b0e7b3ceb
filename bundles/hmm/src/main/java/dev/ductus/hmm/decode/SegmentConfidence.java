package dev.ductus.hmm.decode;

import dev.ductus.hmm.topology.CharacterHmms;
import java.util.Arrays;

/**
 * The confidence of a recognised character: how clearly its model beats every other symbol's model on the
 * frames it was aligned to. Each symbol's model is Viterbi-aligned to exactly those frames (entering at the
 * first, leaving after the last); the scores, divided by the number of frames so that long characters do not
 * get near-certain posteriors from frame-level over-confidence, go through a softmax over all symbols, and
 * the decoded symbol's share is its confidence. Language models do not enter it: it says what the image says.
 */
final class SegmentConfidence {
    private final CharacterHmms hmm;
    private final float[] scores;
    private final int classes;

    SegmentConfidence(CharacterHmms hmm, float[] scores, int classes) {
        this.hmm = hmm;
        this.scores = scores;
        this.classes = classes;
    }

    /** Confidence in [0, 1] of {@code symbol} on frames [t0, t1). */
    double of(int symbol, int t0, int t1) {
        int n = hmm.alphabet().size();
        int len = t1 - t0;
        if (len <= 0) return Double.NaN;
        double[] perFrame = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            perFrame[c] = segmentScore(c, t0, t1) / len;
            if (perFrame[c] > max) max = perFrame[c];
        }
        if (!(perFrame[symbol] > Double.NEGATIVE_INFINITY)) return 0;
        double sum = 0;
        for (int c = 0; c < n; c++) if (perFrame[c] > Double.NEGATIVE_INFINITY) sum += Math.exp(perFrame[c] - max);
        return Math.exp(perFrame[symbol] - max) / sum;
    }

    /** Best log score of the symbol's model covering exactly frames [t0, t1). */
    double segmentScore(int c, int t0, int t1) {
        int states = hmm.stateCount(c);
        int base = hmm.stateIndex(c, 0);
        double[] v = new double[states];
        double[] w = new double[states];
        Arrays.fill(v, Double.NEGATIVE_INFINITY);
        v[0] = scores[t0 * classes + base];
        for (int t = t0 + 1; t < t1; t++) {
            Arrays.fill(w, Double.NEGATIVE_INFINITY);
            for (int s = 0; s < states; s++) {
                if (v[s] == Double.NEGATIVE_INFINITY) continue;
                w[s] = Math.max(w[s], v[s] + hmm.logSelfLoop(c, s));
                if (s + 1 < states) w[s + 1] = Math.max(w[s + 1], v[s] + hmm.logNext(c, s));
                if (s + 2 < states) w[s + 2] = Math.max(w[s + 2], v[s] + hmm.logSkip(c, s));
            }
            for (int s = 0; s < states; s++) {
                if (w[s] > Double.NEGATIVE_INFINITY) w[s] += scores[t * classes + base + s];
            }
            double[] tmp = v;
            v = w;
            w = tmp;
        }
        double best = v[states - 1] + hmm.logNext(c, states - 1);
        if (states >= 2) best = Math.max(best, v[states - 2] + hmm.logSkip(c, states - 2));
        return best;
    }
}
