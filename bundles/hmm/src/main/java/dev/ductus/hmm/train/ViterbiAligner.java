package dev.ductus.hmm.train;

import dev.ductus.hmm.math.LogMath;
import dev.ductus.hmm.topology.LineHmm;
import java.util.Arrays;

/**
 * Viterbi forced alignment: the single most likely state sequence of a transcription's line model, found by
 * dynamic programming over the same emission matrix the forward-backward pass uses.
 */
public final class ViterbiAligner {
    private ViterbiAligner() {
    }

    /**
     * @param emissions frames x line.size() log-likelihoods, row-major
     * @return the best path, or null when no path fits the frames
     */
    public static Alignment align(String id, LineHmm line, double[] emissions, int frames) {
        int n = line.size();
        if (frames == 0 || emissions.length != frames * n) {
            throw new IllegalArgumentException("emissions " + emissions.length + " != " + frames + "x" + n);
        }
        double[] delta = new double[frames * n];
        int[] back = new int[frames * n];
        Arrays.fill(delta, LogMath.LOG_ZERO);
        Arrays.fill(back, -1);
        for (int j = 0; j < n; j++) {
            if (line.logInit(j) > LogMath.LOG_ZERO) delta[j] = line.logInit(j) + emissions[j];
        }
        int arcs = line.arcs();
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * n;
            int cur = t * n;
            for (int a = 0; a < arcs; a++) {
                double from = delta[prev + line.arcFrom(a)];
                if (from == LogMath.LOG_ZERO) continue;
                double s = from + line.arcLogProb(a);
                int to = cur + line.arcTo(a);
                if (s > delta[to]) {
                    delta[to] = s;
                    back[to] = line.arcFrom(a);
                }
            }
            for (int j = 0; j < n; j++) {
                if (delta[cur + j] > LogMath.LOG_ZERO) delta[cur + j] += emissions[cur + j];
            }
        }
        int last = (frames - 1) * n;
        double best = LogMath.LOG_ZERO;
        int bestState = -1;
        for (int j = 0; j < n; j++) {
            double s = delta[last + j] + line.logFinal(j);
            if (line.logFinal(j) > LogMath.LOG_ZERO && s > best) {
                best = s;
                bestState = j;
            }
        }
        if (bestState < 0) return null;
        int[] lineStates = new int[frames];
        int j = bestState;
        for (int t = frames - 1; t >= 0; t--) {
            lineStates[t] = j;
            j = back[t * n + j];
        }
        int[] global = new int[frames];
        int[] units = new int[frames];
        int[] symbols = new int[frames];
        for (int t = 0; t < frames; t++) {
            global[t] = line.globalState(lineStates[t]);
            units[t] = line.unitOf(lineStates[t]);
            symbols[t] = line.unitSymbol(units[t]);
        }
        return new Alignment(id, global, lineStates, units, symbols, best);
    }

    /**
     * The log score of a given line-state path (emissions plus initial, transition and final log
     * probabilities), negative infinity when the path is not allowed. Used to check alignments.
     */
    public static double pathScore(LineHmm line, double[] emissions, int[] lineStates) {
        int n = line.size();
        int frames = lineStates.length;
        double s = line.logInit(lineStates[0]) + emissions[lineStates[0]];
        for (int t = 1; t < frames; t++) {
            double arc = LogMath.LOG_ZERO;
            for (int a = 0; a < line.arcs(); a++) {
                if (line.arcFrom(a) == lineStates[t - 1] && line.arcTo(a) == lineStates[t]) {
                    arc = Math.max(arc, line.arcLogProb(a));
                }
            }
            s += arc + emissions[t * n + lineStates[t]];
        }
        return s + line.logFinal(lineStates[frames - 1]);
    }
}
