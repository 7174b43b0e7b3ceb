package dev.ductus.hybrid.model;

/**
 * The hybrid trick: a network trained to classify frames into HMM states estimates p(s | x); Bayes' rule gives
 * {@code p(x | s) = p(s | x) p(x) / p(s)}, and p(x) is the same for every state of a frame, so it changes no
 * path comparison of the decoder. The emission score of state s at frame t is therefore
 * {@code scale * (log p(s | x_t) - a * log p(s))}: the prior exponent {@code a} (1 = exact Bayes, smaller
 * values divide the priors out only partly, which often helps rare states) and the optical {@code scale}
 * (to meet decoder and LM weights tuned for another optical model) are configuration.
 */
public final class ScaledLikelihoods {
    private final double[] logPriors;
    private final double priorExponent;
    private final double scale;

    public ScaledLikelihoods(StatePriors priors, double priorExponent, double scale) {
        if (!(priorExponent >= 0) || Double.isInfinite(priorExponent)) {
            throw new IllegalArgumentException("prior exponent must be >= 0, got " + priorExponent);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("optical scale must be > 0, got " + scale);
        this.logPriors = priors.logValues();
        this.priorExponent = priorExponent;
        this.scale = scale;
    }

    public double priorExponent() {
        return priorExponent;
    }

    public double scale() {
        return scale;
    }

    public int states() {
        return logPriors.length;
    }

    /**
     * Turns frames x states log-posteriors (row-major, each row log-normalised) into scaled log-likelihoods,
     * in place.
     */
    public void apply(float[] logPosteriors, int frames) {
        int s = logPriors.length;
        if (logPosteriors.length < frames * s) {
            throw new IllegalArgumentException(logPosteriors.length + " values for " + frames + "x" + s);
        }
        float[] offset = new float[s];
        for (int k = 0; k < s; k++) offset[k] = (float) (priorExponent * logPriors[k]);
        float sc = (float) scale;
        for (int t = 0; t < frames; t++) {
            int o = t * s;
            for (int k = 0; k < s; k++) logPosteriors[o + k] = sc * (logPosteriors[o + k] - offset[k]);
        }
    }

    /** In-place log-softmax of each of the {@code frames} rows of {@code classes} logits. */
    public static void logSoftmaxRows(float[] v, int frames, int classes) {
        for (int t = 0; t < frames; t++) {
            int o = t * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, v[o + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.exp(v[o + c] - max);
            double lse = max + Math.log(sum);
            for (int c = 0; c < classes; c++) v[o + c] = (float) (v[o + c] - lse);
        }
    }
}
