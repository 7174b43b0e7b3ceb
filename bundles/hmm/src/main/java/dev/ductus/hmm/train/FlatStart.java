package dev.ductus.hmm.train;

import dev.ductus.hmm.gmm.DiagonalGmm;
import dev.ductus.hmm.gmm.GmmHmm;
import dev.ductus.hmm.topology.CharacterHmms;
import java.util.Arrays;
import java.util.List;

/**
 * The starting point of training without any segmentation: every state gets one Gaussian with the global
 * mean and variance of all training frames. Embedded Baum-Welch then pulls the states apart, because each
 * line's model orders them differently.
 */
public final class FlatStart {
    /** Mean and variance of every feature dimension over all frames. */
    public record GlobalStatistics(double[] mean, double[] variance, long frames) {
        /** {@code scale} times the global variance, the usual variance floor (e.g. 0.01). */
        public double[] floor(double scale) {
            double[] f = new double[variance.length];
            for (int d = 0; d < f.length; d++) f[d] = Math.max(scale * variance[d], 1e-8);
            return f;
        }
    }

    private FlatStart() {
    }

    public static GlobalStatistics globalStatistics(List<TrainingLine> lines) {
        if (lines.isEmpty()) throw new IllegalArgumentException("no training lines");
        int dim = lines.get(0).features().dimension();
        double[] sum = new double[dim];
        double[] sumSq = new double[dim];
        long frames = 0;
        for (TrainingLine line : lines) {
            float[] x = line.features().data();
            if (line.features().dimension() != dim) {
                throw new IllegalArgumentException("line " + line.id() + " has dimension " + line.features().dimension());
            }
            for (int i = 0; i < x.length; i++) {
                sum[i % dim] += x[i];
                sumSq[i % dim] += (double) x[i] * x[i];
            }
            frames += line.frames();
        }
        if (frames == 0) throw new IllegalArgumentException("no training frames");
        double[] mean = new double[dim];
        double[] var = new double[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = sum[d] / frames;
            // constant dimensions (e.g. a feature that never fires) still need a usable variance
            var[d] = Math.max(sumSq[d] / frames - mean[d] * mean[d], 1e-6);
        }
        return new GlobalStatistics(mean, var, frames);
    }

    public static GmmHmm model(CharacterHmms hmms, GlobalStatistics global) {
        DiagonalGmm[] gmms = new DiagonalGmm[hmms.totalStates()];
        DiagonalGmm flat = DiagonalGmm.single(global.mean(), global.variance());
        Arrays.fill(gmms, flat);
        return new GmmHmm(hmms, gmms);
    }
}
