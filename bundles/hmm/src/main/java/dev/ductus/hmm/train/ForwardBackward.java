package dev.ductus.hmm.train;

import dev.ductus.hmm.math.LogMath;
import dev.ductus.hmm.topology.LineHmm;
import java.util.Arrays;

/**
 * The forward and backward variables of a line model over a sequence of frames, in the log domain:
 * {@code alpha[t][j] = log p(x_0..x_t, q_t = j)}, {@code beta[t][j] = log p(x_t+1..x_T-1 | q_t = j)}.
 * Emission scores are given as a frames x line-states matrix computed once and shared by both passes.
 */
public final class ForwardBackward {
    private final LineHmm line;
    private final int frames;
    private final double[] emissions;
    private final double[] alpha;
    private final double[] beta;
    private final double logLikelihood;

    private ForwardBackward(LineHmm line, int frames, double[] emissions, double[] alpha, double[] beta,
                            double logLikelihood) {
        this.line = line;
        this.frames = frames;
        this.emissions = emissions;
        this.alpha = alpha;
        this.beta = beta;
        this.logLikelihood = logLikelihood;
    }

    /**
     * Runs both passes.
     *
     * @param emissions frames x line.size() log-likelihoods, row-major
     */
    public static ForwardBackward run(LineHmm line, double[] emissions, int frames) {
        int n = line.size();
        if (emissions.length != frames * n) {
            throw new IllegalArgumentException("emissions " + emissions.length + " != " + frames + "x" + n);
        }
        double[] alpha = new double[frames * n];
        double[] beta = new double[frames * n];
        Arrays.fill(alpha, LogMath.LOG_ZERO);
        Arrays.fill(beta, LogMath.LOG_ZERO);
        if (frames == 0) return new ForwardBackward(line, 0, emissions, alpha, beta, LogMath.LOG_ZERO);
        int arcs = line.arcs();
        for (int j = 0; j < n; j++) {
            double init = line.logInit(j);
            if (init > LogMath.LOG_ZERO) alpha[j] = init + emissions[j];
        }
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * n;
            int cur = t * n;
            for (int a = 0; a < arcs; a++) {
                double from = alpha[prev + line.arcFrom(a)];
                if (from == LogMath.LOG_ZERO) continue;
                int to = cur + line.arcTo(a);
                alpha[to] = LogMath.logAdd(alpha[to], from + line.arcLogProb(a));
            }
            for (int j = 0; j < n; j++) {
                if (alpha[cur + j] > LogMath.LOG_ZERO) alpha[cur + j] += emissions[cur + j];
            }
        }
        int last = (frames - 1) * n;
        double total = LogMath.LOG_ZERO;
        for (int j = 0; j < n; j++) {
            double fin = line.logFinal(j);
            if (fin > LogMath.LOG_ZERO) {
                beta[last + j] = fin;
                total = LogMath.logAdd(total, alpha[last + j] + fin);
            }
        }
        for (int t = frames - 2; t >= 0; t--) {
            int cur = t * n;
            int next = (t + 1) * n;
            for (int a = 0; a < arcs; a++) {
                int to = next + line.arcTo(a);
                double after = beta[to];
                if (after == LogMath.LOG_ZERO) continue;
                int from = cur + line.arcFrom(a);
                beta[from] = LogMath.logAdd(beta[from], line.arcLogProb(a) + emissions[to] + after);
            }
        }
        return new ForwardBackward(line, frames, emissions, alpha, beta, total);
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
        int to = (t + 1) * n + line.arcTo(a);
        return alpha[t * n + line.arcFrom(a)] + line.arcLogProb(a) + emissions[to] + beta[to] - logLikelihood;
    }

    /** log P(the line ends in state j after the last frame | X). */
    public double logFinalPosterior(int j) {
        int i = (frames - 1) * line.size() + j;
        return alpha[i] + line.logFinal(j) - logLikelihood;
    }
}
