package dev.ductus.hmm.train;

import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.math.LogMath;
import dev.ductus.hmm.topology.CharacterHmms;
import dev.ductus.hmm.topology.LineHmm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embedded Baum-Welch: every line's model is built from its transcription, so character boundaries are never
 * needed. One iteration is {@link #accumulate} (the E-step, lines spread over threads, each thread filling
 * its own {@link BaumWelchStatistics}, merged at the end) followed by {@link #reestimate} (the M-step).
 * Thread i takes lines i, i + n, i + 2n, ..., so the result does not depend on scheduling.
 */
public final class EmbeddedBaumWelch implements AutoCloseable {
    /** Knobs of the M-step. */
    public record Settings(double[] varianceFloor, double minComponentOccupancy, double minTransitionProbability) {
        public Settings {
            varianceFloor = varianceFloor.clone();
        }
    }

    /** Forward pruning width used unless told otherwise: wide enough to change no statistic measurably. */
    public static final double DEFAULT_BEAM = 400;

    private final int threads;
    private final double beam;
    private final ExecutorService pool;

    public EmbeddedBaumWelch(int threads) {
        this(threads, DEFAULT_BEAM);
    }

    /** @param beam forward-backward pruning width in log units (positive infinity: exact) */
    public EmbeddedBaumWelch(int threads, double beam) {
        this.threads = Math.max(1, threads);
        this.beam = beam;
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "ductus-baum-welch");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** The E-step over all lines. */
    public BaumWelchStatistics accumulate(GmmHmm model, List<TrainingLine> lines) {
        if (pool == null) return accumulateShare(model, lines, 0, 1, beam);
        List<Future<BaumWelchStatistics>> parts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int first = i;
            parts.add(pool.submit(() -> accumulateShare(model, lines, first, threads, beam)));
        }
        BaumWelchStatistics total = null;
        try {
            for (Future<BaumWelchStatistics> f : parts) {
                BaumWelchStatistics s = f.get();
                total = total == null ? s : total.merge(s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while accumulating statistics", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException(cause);
        }
        return total;
    }

    /** Accumulates lines first, first + step, ... into fresh statistics (one thread's share). */
    public static BaumWelchStatistics accumulateShare(GmmHmm model, List<TrainingLine> lines, int first, int step,
                                                      double beam) {
        BaumWelchStatistics stats = new BaumWelchStatistics(model);
        for (int i = first; i < lines.size(); i += step) {
            if (Thread.currentThread().isInterrupted()) throw new IllegalStateException("interrupted");
            accumulateLine(model, lines.get(i), stats, beam);
        }
        return stats;
    }

    /**
     * Adds one line to the statistics; returns false (and counts it as failed) when it cannot be aligned. A line
     * whose every path the beam pruned away is tried again without pruning.
     */
    public static boolean accumulateLine(GmmHmm model, TrainingLine line, BaumWelchStatistics stats, double beam) {
        LineHmm hmm = LineHmm.of(model.hmms(), line.labels());
        int frames = line.frames();
        if (frames < hmm.minimumFrames()) {
            stats.addFailedLine();
            return false;
        }
        float[] x = line.features().data();
        LineEmissions emissions = model.lazyLineLogLikelihoods(x, frames, hmm);
        ForwardBackward fb = ForwardBackward.run(hmm, emissions, frames, beam);
        if (!(fb.logLikelihood() > Double.NEGATIVE_INFINITY) && beam < Double.POSITIVE_INFINITY) {
            fb = ForwardBackward.run(hmm, emissions, frames, Double.POSITIVE_INFINITY);
        }
        if (!(fb.logLikelihood() > Double.NEGATIVE_INFINITY) || Double.isNaN(fb.logLikelihood())) {
            stats.addFailedLine();
            return false;
        }
        stats.add(model, hmm, fb, x);
        return true;
    }

    /**
     * The M-step: new weights, means, variances (floored) and transition probabilities from the statistics.
     * A component that explained fewer than {@code minComponentOccupancy} frames keeps its mean and variance
     * (its weight still follows its occupancy, floored so that it can recover); a state that saw nothing keeps
     * everything.
     */
    public static GmmHmm reestimate(GmmHmm model, BaumWelchStatistics stats, Settings settings) {
        int states = model.states();
        int dim = model.dimension();
        double[] floor = settings.varianceFloor();
        if (floor.length != dim) throw new IllegalArgumentException("variance floor has " + floor.length + " dims");
        DiagonalGmm[] gmms = new DiagonalGmm[states];
        for (int g = 0; g < states; g++) {
            DiagonalGmm old = model.gmm(g);
            double stateOcc = stats.stateOccupancy(g);
            if (stateOcc < settings.minComponentOccupancy()) {
                gmms[g] = old;
                continue;
            }
            int m = old.components();
            double[] w = new double[m];
            double[] mu = old.means();
            double[] var = old.variances();
            double weightSum = 0;
            for (int k = 0; k < m; k++) {
                double occ = stats.occupancy(g, k);
                w[k] = Math.max(occ / stateOcc, 1e-5);
                weightSum += w[k];
                if (occ < settings.minComponentOccupancy()) continue;
                for (int d = 0; d < dim; d++) {
                    double mean = stats.sum(g, k, d) / occ;
                    double v = stats.sumOfSquares(g, k, d) / occ - mean * mean;
                    mu[k * dim + d] = mean;
                    var[k * dim + d] = Math.max(v, floor[d]);
                }
            }
            for (int k = 0; k < m; k++) w[k] /= weightSum;
            gmms[g] = new DiagonalGmm(w, mu, var);
        }
        CharacterHmms hmms = model.hmms();
        double[] self = hmms.logSelfArray();
        double[] next = hmms.logNextArray();
        double[] skip = hmms.logSkipArray();
        double minP = settings.minTransitionProbability();
        for (int g = 0; g < states; g++) {
            boolean canSkip = hmms.canSkip(g);
            double cs = stats.transitionCount(g, LineHmm.SELF);
            double cn = stats.transitionCount(g, LineHmm.NEXT);
            double ck = canSkip ? stats.transitionCount(g, LineHmm.SKIP) : 0;
            double total = cs + cn + ck;
            if (total < settings.minComponentOccupancy()) continue;
            double ps = Math.max(cs / total, minP);
            double pn = Math.max(cn / total, minP);
            double pk = canSkip ? Math.max(ck / total, minP) : 0;
            double norm = ps + pn + pk;
            self[g] = Math.log(ps / norm);
            next[g] = Math.log(pn / norm);
            skip[g] = canSkip ? Math.log(pk / norm) : LogMath.LOG_ZERO;
        }
        return new GmmHmm(hmms.withTransitions(self, next, skip), gmms);
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
