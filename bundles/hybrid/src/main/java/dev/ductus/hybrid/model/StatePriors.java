package dev.ductus.hybrid.model;

import java.util.Arrays;

/**
 * p(state): how often each HMM state is the target of a training frame, the denominator that turns a network's
 * posteriors p(s | x) into scaled likelihoods p(x | s) / p(x) = p(s | x) / p(s). Every state gets
 * {@code smoothing} extra counts, so a state no training frame was aligned to keeps a small prior instead of a
 * zero that would make its scaled likelihood infinite. The priors always sum to one.
 */
public final class StatePriors {
    private final double[] priors;

    private StatePriors(double[] priors) {
        this.priors = priors;
    }

    /** Relative frequencies of the states in the targets, with {@code smoothing} added to every count. */
    public static StatePriors count(Iterable<int[]> targets, int states, double smoothing) {
        if (states < 1) throw new IllegalArgumentException("need at least one state");
        if (!(smoothing >= 0)) throw new IllegalArgumentException("smoothing must be >= 0, got " + smoothing);
        double[] counts = new double[states];
        Arrays.fill(counts, smoothing);
        for (int[] line : targets) {
            for (int s : line) {
                if (s < 0) continue; // an ignored frame
                if (s >= states) throw new IllegalArgumentException("target state " + s + " outside 0.." + (states - 1));
                counts[s]++;
            }
        }
        return of(counts);
    }

    /** Priors proportional to the given non-negative weights (at least one positive). */
    public static StatePriors of(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("bad prior weight " + w);
            sum += w;
        }
        if (!(sum > 0)) throw new IllegalArgumentException("no frame to estimate state priors from");
        double[] p = new double[weights.length];
        for (int i = 0; i < p.length; i++) p[i] = weights[i] / sum;
        return new StatePriors(p);
    }

    public int states() {
        return priors.length;
    }

    public double prior(int state) {
        return priors[state];
    }

    /** A copy of the priors. */
    public double[] values() {
        return priors.clone();
    }

    /** log p(s) for every state; negative infinity where a prior is zero (only without smoothing). */
    public double[] logValues() {
        double[] l = new double[priors.length];
        for (int i = 0; i < l.length; i++) l[i] = Math.log(priors[i]);
        return l;
    }
}
