package dev.ductus.hmm.train;

import dev.ductus.hmm.math.LogMath;
import dev.ductus.hmm.topology.LineHmm;
import java.util.Arrays;

/**
 * The forward and backward variables of a line model over a sequence of frames, in the log domain:
 * {@code alpha[t][j] = log p(x_0..x_t, q_t = j)}, {@code beta[t][j] = log p(x_t+1..x_T-1 | q_t = j)}.
 * <p>
 * With a finite beam the forward pass keeps, per frame, only the states within {@code beam} of the frame's
 * best alpha; the backward pass and all posteriors are restricted to those states, so both passes and the
 * Gaussian evaluations (asked from a {@link LineEmissions} source only where needed) touch a few dozen
 * states per frame instead of the whole line. The likelihood is then that of the kept lattice, a lower bound
 * that misses only paths that were e^-beam less likely than the best at some frame. With an infinite beam
 * the result is exact.
 */
public final class ForwardBackward {
    private final LineHmm line;
    private final int frames;
    private final LineEmissions emissions;
    private final double[] alpha;
    private final double[] beta;
    private final int[][] active;
    private final double logLikelihood;

    private ForwardBackward(LineHmm line, int frames, LineEmissions emissions, double[] alpha, double[] beta,
                            int[][] active, double logLikelihood) {
        this.line = line;
        this.frames = frames;
        this.emissions = emissions;
        this.alpha = alpha;
        this.beta = beta;
        this.active = active;
        this.logLikelihood = logLikelihood;
    }

    /** Exact forward-backward over a full emission matrix (frames x line.size(), row-major). */
    public static ForwardBackward run(LineHmm line, double[] emissions, int frames) {
        if (emissions.length != frames * line.size()) {
            throw new IllegalArgumentException("emissions " + emissions.length + " != " + frames + "x" + line.size());
        }
        return run(line, LineEmissions.of(emissions, line.size()), frames, Double.POSITIVE_INFINITY);
    }

    /**
     * @param beam forward pruning width in log units (positive infinity: no pruning)
     */
    public static ForwardBackward run(LineHmm line, LineEmissions emissions, int frames, double beam) {
        int n = line.size();
        double[] alpha = new double[frames * n];
        double[] beta = new double[frames * n];
        Arrays.fill(alpha, LogMath.LOG_ZERO);
        Arrays.fill(beta, LogMath.LOG_ZERO);
        int[][] active = new int[frames][];
        if (frames == 0) return new ForwardBackward(line, 0, emissions, alpha, beta, active, LogMath.LOG_ZERO);
        int[] touched = new int[n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            double init = line.logInit(j);
            if (init > LogMath.LOG_ZERO) {
                alpha[j] = init + emissions.get(0, j);
                touched[count++] = j;
            }
        }
        active[0] = prune(alpha, 0, touched, count, beam);
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * n;
            int cur = t * n;
            count = 0;
            for (int j : active[t - 1]) {
                double from = alpha[prev + j];
                for (int a = line.firstArc(j); a < line.endArc(j); a++) {
                    int to = line.arcTo(a);
                    double v = alpha[cur + to];
                    if (v == LogMath.LOG_ZERO) touched[count++] = to;
                    alpha[cur + to] = LogMath.logAdd(v, from + line.arcLogProb(a));
                }
            }
            for (int i = 0; i < count; i++) {
                int j = touched[i];
                alpha[cur + j] += emissions.get(t, j);
            }
            active[t] = prune(alpha, cur, touched, count, beam);
        }
        int last = (frames - 1) * n;
        double total = LogMath.LOG_ZERO;
        for (int j : active[frames - 1]) {
            double fin = line.logFinal(j);
            if (fin > LogMath.LOG_ZERO) {
                beta[last + j] = fin;
                total = LogMath.logAdd(total, alpha[last + j] + fin);
            }
        }
        for (int t = frames - 2; t >= 0; t--) {
            int cur = t * n;
            int next = (t + 1) * n;
            for (int j : active[t]) {
                double b = LogMath.LOG_ZERO;
                for (int a = line.firstArc(j); a < line.endArc(j); a++) {
                    int to = line.arcTo(a);
                    double after = beta[next + to];
                    if (after == LogMath.LOG_ZERO || alpha[next + to] == LogMath.LOG_ZERO) continue;
                    b = LogMath.logAdd(b, line.arcLogProb(a) + emissions.get(t + 1, to) + after);
                }
                beta[cur + j] = b;
            }
        }
        return new ForwardBackward(line, frames, emissions, alpha, beta, active, total);
    }

    /** Drops the touched states of a frame more than beam below its best; returns the survivors. */
    private static int[] prune(double[] alpha, int offset, int[] touched, int count, double beam) {
        double best = LogMath.LOG_ZERO;
        for (int i = 0; i < count; i++) best = Math.max(best, alpha[offset + touched[i]]);
        double threshold = best - beam;
        int kept = 0;
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int j = touched[i];
            double v = alpha[offset + j];
            if (v >= threshold && v > LogMath.LOG_ZERO) {
                out[kept++] = j;
            } else {
                alpha[offset + j] = LogMath.LOG_ZERO;
            }
        }
        return kept == count ? out : Arrays.copyOf(out, kept);
    }

    /** log p(X | line model); negative infinity when no path fits the frames. */
    public double logLikelihood() {
        return logLikelihood;
    }

    public int frames() {
        return frames;
    }

    public LineHmm line() {
        return line;
    }

    /** The states the forward pass kept at frame t (all others have zero occupancy). */
    public int[] activeStates(int t) {
        return active[t];
    }

    public double logAlpha(int t, int j) {
        return alpha[t * line.size() + j];
    }

    public double logBeta(int t, int j) {
        return beta[t * line.size() + j];
    }

    /** log P(q_t = j | X). */
    public double logOccupancy(int t, int j) {
        int i = t * line.size() + j;
        return alpha[i] + beta[i] - logLikelihood;
    }

    /** log P(arc a taken between frames t and t + 1 | X). */
    public double logArcPosterior(int t, int a) {
        int n = line.size();
        int from = t * n + line.arcFrom(a);
        int to = (t + 1) * n + line.arcTo(a);
        if (alpha[from] == LogMath.LOG_ZERO || alpha[to] == LogMath.LOG_ZERO || beta[to] == LogMath.LOG_ZERO) {
            return LogMath.LOG_ZERO;
        }
        return alpha[from] + line.arcLogProb(a) + emissions.get(t + 1, line.arcTo(a)) + beta[to] - logLikelihood;
    }

    /** log P(the line ends in state j after the last frame | X). */
    public double logFinalPosterior(int j) {
        int i = (frames - 1) * line.size() + j;
        return alpha[i] + line.logFinal(j) - logLikelihood;
    }
}
