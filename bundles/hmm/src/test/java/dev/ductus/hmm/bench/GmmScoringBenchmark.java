package dev.ductus.hmm.bench;

import dev.ductus.hmm.gmm.DiagonalGmm;
import java.util.Random;

/**
 * Frames scored per second by every state's mixture (the work behind a full frame-score matrix), against the
 * plain loop (precomputed constants, one accumulator, no partial distance elimination): {@code GmmScoringBenchmark [states]
 * [components] [dims] [frames]}. One thread.
 */
public final class GmmScoringBenchmark {
    public static void main(String[] args) {
        int states = args.length > 0 ? Integer.parseInt(args[0]) : 474;
        int m = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int dim = args.length > 2 ? Integer.parseInt(args[2]) : 114;
        int frames = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Random r = new Random(1);
        DiagonalGmm[] gmms = new DiagonalGmm[states];
        for (int g = 0; g < states; g++) {
            double[] w = new double[m];
            double[] mu = new double[m * dim];
            double[] var = new double[m * dim];
            for (int k = 0; k < m; k++) w[k] = 1.0 / m;
            for (int i = 0; i < mu.length; i++) {
                mu[i] = r.nextGaussian();
                var[i] = 0.2 + r.nextDouble();
            }
            gmms[g] = new DiagonalGmm(w, mu, var);
        }
        float[] x = new float[frames * dim];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            double sink = 0;
            for (int t = 0; t < frames; t++) for (DiagonalGmm g : gmms) sink += g.logLikelihood(x, t * dim);
            double fast = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            for (int t = 0; t < frames; t++) for (DiagonalGmm g : gmms) sink += plain(g, x, t * dim);
            double plain = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: DiagonalGmm %.0f frames/s, plain loop %.0f frames/s (%d states x %d x %d) %s%n",
                    round, frames / fast, frames / plain, states, m, dim, sink > 0 ? "" : " ");
        }
    }

    /** Precomputed constants and inverse variances, every component in full, one running sum. */
    static double plain(DiagonalGmm g, float[] x, int offset) {
        Plain p = PLAIN.computeIfAbsent(g, Plain::new);
        int m = g.components();
        int dim = g.dimension();
        double max = Double.NEGATIVE_INFINITY;
        double[] c = new double[m];
        for (int k = 0; k < m; k++) {
            double q = 0;
            for (int d = 0; d < dim; d++) {
                double diff = x[offset + d] - p.mean[k * dim + d];
                q += diff * diff * p.inverse[k * dim + d];
            }
            c[k] = p.constant[k] - 0.5 * q;
            max = Math.max(max, c[k]);
        }
        double sum = 0;
        for (int k = 0; k < m; k++) sum += Math.exp(c[k] - max);
        return max + Math.log(sum);
    }

    private static final java.util.Map<DiagonalGmm, Plain> PLAIN = new java.util.IdentityHashMap<>();

    private static final class Plain {
        final double[] mean;
        final double[] inverse;
        final double[] constant;

        Plain(DiagonalGmm g) {
            int m = g.components();
            int dim = g.dimension();
            mean = g.means();
            inverse = new double[m * dim];
            constant = new double[m];
            for (int k = 0; k < m; k++) {
                double logDet = 0;
                for (int d = 0; d < dim; d++) {
                    inverse[k * dim + d] = 1 / g.variance(k, d);
                    logDet += Math.log(g.variance(k, d));
                }
                constant[k] = Math.log(g.weight(k)) - 0.5 * (dim * Math.log(2 * Math.PI) + logDet);
            }
        }
    }
}
