package dev.ductus.hmm.gmm;

import dev.ductus.hmm.math.LogMath;

/**
 * A mixture of Gaussians with diagonal covariances, evaluated in the log domain:
 * {@code log p(x) = logsumexp_k [log w_k - D/2 log 2pi - 1/2 sum_d log var_kd - 1/2 sum_d (x_d - mu_kd)^2 / var_kd]}.
 * Parameters are flat arrays ({@code means[k * D + d]}); the per-component constant and the inverse
 * variances are precomputed, so scoring a frame is one pass over M x D numbers. Immutable.
 */
public final class DiagonalGmm {
    /** Components this far (in log units) below the best one are left out of the sum. */
    public static final double NEGLIGIBLE = 30;
    private final int components;
    private final int dimension;
    private final double[] weights;
    private final double[] means;
    private final double[] variances;
    private final double[] inverseVariances;
    private final double[] logConstants;

    /**
     * @param weights   mixture weights, summing to one
     * @param means     M x D means
     * @param variances M x D variances, all positive
     */
    public DiagonalGmm(double[] weights, double[] means, double[] variances) {
        this.components = weights.length;
        if (components == 0) throw new IllegalArgumentException("a mixture needs a component");
        if (means.length % components != 0 || means.length != variances.length) {
            throw new IllegalArgumentException("means/variances must be M x D, got " + means.length + " and "
                    + variances.length + " for M=" + components);
        }
        this.dimension = means.length / components;
        this.weights = weights.clone();
        this.means = means.clone();
        this.variances = variances.clone();
        this.inverseVariances = new double[variances.length];
        this.logConstants = new double[components];
        for (int k = 0; k < components; k++) {
            double sumLogVar = 0;
            for (int d = 0; d < dimension; d++) {
                double v = variances[k * dimension + d];
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException("variance " + v + " at component " + k + ", dim " + d);
                }
                inverseVariances[k * dimension + d] = 1 / v;
                sumLogVar += Math.log(v);
            }
            logConstants[k] = LogMath.log(weights[k]) - dimension * LogMath.halfLogTwoPi() - 0.5 * sumLogVar;
        }
    }

    /** One Gaussian. */
    public static DiagonalGmm single(double[] mean, double[] variance) {
        return new DiagonalGmm(new double[] {1}, mean, variance);
    }

    public int components() {
        return components;
    }

    public int dimension() {
        return dimension;
    }

    public double weight(int k) {
        return weights[k];
    }

    public double mean(int k, int d) {
        return means[k * dimension + d];
    }

    public double variance(int k, int d) {
        return variances[k * dimension + d];
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[] means() {
        return means.clone();
    }

    public double[] variances() {
        return variances.clone();
    }

    /**
     * log p(x) for the frame x[offset .. offset + D). A component whose partial distance already puts it more
     * than {@link #NEGLIGIBLE} below the best component so far is abandoned half way (partial distance
     * elimination): it could add at most e^-30 of the best term, a relative error below 1e-11 for any mixture
     * size used here, and most components of a large mixture are that far from any given frame.
     */
    public double logLikelihood(float[] x, int offset) {
        if (components == 1) return componentLogLikelihood(0, x, offset);
        double max = componentLogLikelihood(0, x, offset);
        double sum = 1;
        for (int k = 1; k < components; k++) {
            int base = k * dimension;
            // stop once logConstant - q / 2 < max - NEGLIGIBLE
            double qLimit = 2 * (logConstants[k] - max + NEGLIGIBLE);
            if (qLimit <= 0) continue;
            // four partial sums: independent additions keep the floating-point units busy
            double q0 = 0;
            double q1 = 0;
            double q2 = 0;
            double q3 = 0;
            int d = 0;
            boolean abandoned = false;
            int blocks = dimension & ~7;
            while (d < blocks) {
                int o = offset + d;
                int b = base + d;
                double e0 = x[o] - means[b];
                double e1 = x[o + 1] - means[b + 1];
                double e2 = x[o + 2] - means[b + 2];
                double e3 = x[o + 3] - means[b + 3];
                double e4 = x[o + 4] - means[b + 4];
                double e5 = x[o + 5] - means[b + 5];
                double e6 = x[o + 6] - means[b + 6];
                double e7 = x[o + 7] - means[b + 7];
                q0 += e0 * e0 * inverseVariances[b] + e4 * e4 * inverseVariances[b + 4];
                q1 += e1 * e1 * inverseVariances[b + 1] + e5 * e5 * inverseVariances[b + 5];
                q2 += e2 * e2 * inverseVariances[b + 2] + e6 * e6 * inverseVariances[b + 6];
                q3 += e3 * e3 * inverseVariances[b + 3] + e7 * e7 * inverseVariances[b + 7];
                d += 8;
                if (q0 + q1 + q2 + q3 > qLimit) {
                    abandoned = true;
                    break;
                }
            }
            if (abandoned) continue;
            double q = q0 + q1 + q2 + q3;
            for (; d < dimension; d++) {
                double diff = x[offset + d] - means[base + d];
                q += diff * diff * inverseVariances[base + d];
            }
            double v = logConstants[k] - 0.5 * q;
            if (v > max) {
                sum = sum * Math.exp(max - v) + 1;
                max = v;
            } else {
                sum += Math.exp(v - max);
            }
        }
        return max + Math.log(sum);
    }

    /**
     * Writes log(w_k N(x; mu_k, var_k)) for every component into out[0..M) and returns their log-sum, the
     * frame's log-likelihood.
     */
    public double componentLogLikelihoods(float[] x, int offset, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < components; k++) {
            out[k] = componentLogLikelihood(k, x, offset);
            if (out[k] > max) max = out[k];
        }
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (int k = 0; k < components; k++) sum += Math.exp(out[k] - max);
        return max + Math.log(sum);
    }

    /** log(w_k N(x; mu_k, var_k)). */
    public double componentLogLikelihood(int k, float[] x, int offset) {
        int base = k * dimension;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int d = 0;
        int blocks = dimension & ~3;
        for (; d < blocks; d += 4) {
            int o = offset + d;
            int b = base + d;
            double e0 = x[o] - means[b];
            double e1 = x[o + 1] - means[b + 1];
            double e2 = x[o + 2] - means[b + 2];
            double e3 = x[o + 3] - means[b + 3];
            q0 += e0 * e0 * inverseVariances[b];
            q1 += e1 * e1 * inverseVariances[b + 1];
            q2 += e2 * e2 * inverseVariances[b + 2];
            q3 += e3 * e3 * inverseVariances[b + 3];
        }
        double q = q0 + q1 + q2 + q3;
        for (; d < dimension; d++) {
            double diff = x[offset + d] - means[base + d];
            q += diff * diff * inverseVariances[base + d];
        }
        return logConstants[k] - 0.5 * q;
    }

    /**
     * Doubles the mixture: every component becomes two with half its weight and means moved by
     * {@code +/- epsilon} standard deviations, so the mixture's mean and the components' variances stay.
     */
    public DiagonalGmm split(double epsilon) {
        int m2 = 2 * components;
        double[] w = new double[m2];
        double[] mu = new double[m2 * dimension];
        double[] var = new double[m2 * dimension];
        for (int k = 0; k < components; k++) {
            w[2 * k] = weights[k] / 2;
            w[2 * k + 1] = weights[k] / 2;
            for (int d = 0; d < dimension; d++) {
                double v = variances[k * dimension + d];
                double shift = epsilon * Math.sqrt(v);
                mu[2 * k * dimension + d] = means[k * dimension + d] + shift;
                mu[(2 * k + 1) * dimension + d] = means[k * dimension + d] - shift;
                var[2 * k * dimension + d] = v;
                var[(2 * k + 1) * dimension + d] = v;
            }
        }
        return new DiagonalGmm(w, mu, var);
    }

    /** The mixture's overall mean, sum_k w_k mu_k. */
    public double[] mixtureMean() {
        double[] m = new double[dimension];
        for (int k = 0; k < components; k++) {
            for (int d = 0; d < dimension; d++) m[d] += weights[k] * means[k * dimension + d];
        }
        return m;
    }

    /** Number of free parameters (weights, means, variances). */
    public long parameters() {
        return (long) components * (2L * dimension + 1);
    }
}
