package dev.ductus.hybrid.model;

import dev.ductus.api.features.FeatureSequence;

/**
 * Per-dimension standardisation of feature frames with the training data's mean and standard deviation: the
 * handcrafted features mix densities in [0, 1], positions in pixels and counts, and a network learns far
 * faster on inputs of one scale. The statistics are part of the model.
 */
public final class FeatureNormalizer {
    private final float[] mean;
    private final float[] std;
    private final float[] invStd;

    public FeatureNormalizer(float[] mean, float[] std) {
        if (mean.length != std.length) throw new IllegalArgumentException(mean.length + " means, " + std.length + " deviations");
        this.mean = mean.clone();
        this.std = std.clone();
        this.invStd = new float[std.length];
        for (int i = 0; i < std.length; i++) {
            if (!(std[i] > 0)) throw new IllegalArgumentException("standard deviation " + std[i] + " at dimension " + i);
            invStd[i] = 1f / std[i];
        }
    }

    /** Statistics over every frame of the sequences (a dimension that never varies gets deviation 1). */
    public static FeatureNormalizer fit(Iterable<FeatureSequence> sequences) {
        double[] sum = null;
        double[] sq = null;
        long n = 0;
        for (FeatureSequence f : sequences) {
            int d = f.dimension();
            if (sum == null) {
                sum = new double[d];
                sq = new double[d];
            } else if (sum.length != d) {
                throw new IllegalArgumentException("sequences of dimension " + sum.length + " and " + d);
            }
            float[] x = f.data();
            for (int t = 0; t < f.frames(); t++) {
                for (int k = 0; k < d; k++) {
                    double v = x[t * d + k];
                    sum[k] += v;
                    sq[k] += v * v;
                }
            }
            n += f.frames();
        }
        if (sum == null || n == 0) throw new IllegalArgumentException("no frames to estimate feature statistics from");
        float[] mean = new float[sum.length];
        float[] std = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            double m = sum[k] / n;
            double sd = Math.sqrt(Math.max(0, sq[k] / n - m * m));
            mean[k] = (float) m;
            std[k] = sd > 1e-6 ? (float) sd : 1f;
        }
        return new FeatureNormalizer(mean, std);
    }

    public int dimension() {
        return mean.length;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** The standardised frames, row-major (a new array). */
    public float[] apply(FeatureSequence f) {
        int d = f.dimension();
        if (d != mean.length) throw new IllegalArgumentException("frames of dimension " + d + ", statistics of " + mean.length);
        float[] x = f.data();
        float[] out = new float[f.frames() * d];
        for (int t = 0; t < f.frames(); t++) {
            int o = t * d;
            for (int k = 0; k < d; k++) out[o + k] = (x[o + k] - mean[k]) * invStd[k];
        }
        return out;
    }
}
