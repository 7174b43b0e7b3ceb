package dev.ductus.attention.decode;

/**
 * CTC prefix scores for joint CTC/attention decoding (Watanabe et al. 2017, "Hybrid CTC/attention architecture for
 * end-to-end speech recognition"): the log-probability that the CTC head's frames begin with a label prefix, computed
 * incrementally, one label at a time, in O(frames). It stops an attention decoder from skipping or repeating part
 * of a line, which the frame-synchronous CTC alignment forbids. Labels are the attention classes (1..K); class 0 of
 * the posteriors is the CTC blank.
 */
public final class CtcPrefixScorer {
    private static final double NEG = Double.NEGATIVE_INFINITY;
    private final float[] lp;
    private final int frames;
    private final int classes;

    /** Where a prefix is: log r^n_t (ending in its last label) and log r^b_t (in a blank) for every frame, and log psi. */
    public record State(double[] rn, double[] rb, double score, int last) {
    }

    /** @param logPosteriors frames x classes CTC log-posteriors, row-major, class 0 the blank */
    public CtcPrefixScorer(float[] logPosteriors, int frames, int classes) {
        if (logPosteriors.length < frames * classes) throw new IllegalArgumentException("posteriors shorter than " + frames + " x " + classes);
        if (frames < 1) throw new IllegalArgumentException("no frames");
        this.lp = logPosteriors;
        this.frames = frames;
        this.classes = classes;
    }

    /** The empty prefix: every frame so far blank. */
    public State initial() {
        double[] rn = new double[frames];
        double[] rb = new double[frames];
        double acc = 0;
        for (int t = 0; t < frames; t++) {
            acc += lp[t * classes];
            rn[t] = NEG;
            rb[t] = acc;
        }
        return new State(rn, rb, 0, 0);
    }

    /** The prefix g extended by label c: its forward variables and log psi (the prefix probability). */
    public State extend(State g, int c) {
        if (c < 1 || c >= classes) throw new IllegalArgumentException("label " + c + " outside 1.." + (classes - 1));
        double[] rn = new double[frames];
        double[] rb = new double[frames];
        boolean empty = g.last() == 0;   // only the initial state has no last label
        rn[0] = empty ? lp[c] : NEG;
        rb[0] = NEG;
        double psi = rn[0];
        for (int t = 1; t < frames; t++) {
            double phi = c == g.last() ? g.rb()[t - 1] : logAdd(g.rb()[t - 1], g.rn()[t - 1]);
            double x = lp[t * classes + c];
            rn[t] = logAdd(rn[t - 1], phi) + x;
            rb[t] = logAdd(rb[t - 1], rn[t - 1]) + lp[t * classes];
            psi = logAdd(psi, phi + x);
        }
        return new State(rn, rb, psi, c);
    }

    /** log p(the line's labels are exactly the prefix): the score of ending here. */
    public double end(State g) {
        return logAdd(g.rn()[frames - 1], g.rb()[frames - 1]);
    }

    static double logAdd(double a, double b) {
        if (a == NEG) return b;
        if (b == NEG) return a;
        return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
}
