package dev.ductus.hmm.math;

/** Sums of probabilities kept as natural logarithms, so long lines never underflow. */
public final class LogMath {
    public static final double LOG_ZERO = Double.NEGATIVE_INFINITY;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private LogMath() {
    }

    /** log(exp(a) + exp(b)). */
    public static double logAdd(double a, double b) {
        if (a == LOG_ZERO) return b;
        if (b == LOG_ZERO) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }

    /** log(sum exp(v[i])) for i in [from, to); LOG_ZERO for an empty range. */
    public static double logSumExp(double[] v, int from, int to) {
        double max = LOG_ZERO;
        for (int i = from; i < to; i++) if (v[i] > max) max = v[i];
        if (max == LOG_ZERO || Double.isInfinite(max)) return max;
        double sum = 0;
        for (int i = from; i < to; i++) sum += Math.exp(v[i] - max);
        return max + Math.log(sum);
    }

    /** 0.5 * log(2 pi), the per-dimension constant of a Gaussian density. */
    public static double halfLogTwoPi() {
        return HALF_LOG_TWO_PI;
    }

    /** log(p) with log(0) = LOG_ZERO. */
    public static double log(double p) {
        return p <= 0 ? LOG_ZERO : Math.log(p);
    }
}
