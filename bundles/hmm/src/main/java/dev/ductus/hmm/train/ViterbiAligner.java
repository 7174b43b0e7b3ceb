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
     * Exact alignment over a full emission matrix.
     *
     * @param emissions frames x line.size() log-likelihoods, row-major
     * @return the best path, or null when no path fits the frames
     */
    public static Alignment align(String id, LineHmm line, double[] emissions, int frames) {
        if (frames == 0 || emissions.length != frames * line.size()) {
            throw new IllegalArgumentException("emissions " + emissions.length + " != " + frames + "x" + line.size());
        }
        return align(id, line, LineEmissions.of(emissions, line.size()), frames, Double.POSITIVE_INFINITY);
    }

    /**
     * @param beam per frame, states more than this below the best partial path are dropped (positive infinity:
     *             exact)
     * @return the best path, or null when no path survives
     */
    public static Alignment align(String id, LineHmm line, LineEmissions emissions, int frames, double beam) {
        int n = line.size();
        double[] delta = new double[frames * n];
        int[] back = new int[frames * n];
        Arrays.fill(delta, LogMath.LOG_ZERO);
        int[] active = new int[n];
        int[] next = new int[n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (line.logInit(j) > LogMath.LOG_ZERO) {
                delta[j] = line.logInit(j) + emissions.get(0, j);
                active[count++] = j;
            }
        }
        count = prune(delta, 0, active, count, beam);
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * n;
            int cur = t * n;
            int nextCount = 0;
            for (int i = 0; i < count; i++) {
                int j = active[i];
                double from = delta[prev + j];
                for (int a = line.firstArc(j); a < line.endArc(j); a++) {
                    int to = line.arcTo(a);
                    double s = from + line.arcLogProb(a);
                    double old = delta[cur + to];
                    if (old == LogMath.LOG_ZERO) next[nextCount++] = to;
                    if (s > old) {
                        delta[cur + to] = s;
                        back[cur + to] = j;
                    }
                }
            }
            for (int i = 0; i < nextCount; i++) delta[cur + next[i]] += emissions.get(t, next[i]);
            count = prune(delta, cur, next, nextCount, beam);
            int[] tmp = active;
            active = next;
            next = tmp;
        }
        int last = (frames - 1) * n;
        double best = LogMath.LOG_ZERO;
        int bestState = -1;
        for (int i = 0; i < count; i++) {
            int j = active[i];
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

    /** Keeps the states within beam of the frame's best at the front of {@code states}; returns how many. */
    private static int prune(double[] delta, int offset, int[] states, int count, double beam) {
        double best = LogMath.LOG_ZERO;
        for (int i = 0; i < count; i++) best = Math.max(best, delta[offset + states[i]]);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int j = states[i];
            if (delta[offset + j] >= best - beam && delta[offset + j] > LogMath.LOG_ZERO) {
                states[kept++] = j;
            } else {
                delta[offset + j] = LogMath.LOG_ZERO;
            }
        }
        return kept;
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
