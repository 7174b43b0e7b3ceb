package dev.ductus.attention.nn;

import dev.ductus.nn.tensor.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable copy of an {@link AttentionDecoder}'s weights for inference, thread-safe: {@link #read} prepares
 * one encoded line, and its {@link Reader#step} advances one hypothesis by one symbol. The arithmetic is the
 * decoder's forward pass for a single sample (tests compare the two).
 */
public final class Weights {
    private static final double CLAMP = 7.90531110763549805;
    final AttentionDecoder.Dims d;
    private final boolean exact;
    private final double[] emb;
    private final double[] w;
    private final double[] b;
    private final double[] pEnc;
    private final double[] wDec;
    private final double[] bAtt;
    private final double[] v;
    private final double[] locF;
    private final double[] locU;
    private final double[] wOut;
    private final double[] bOut;
    /** The location filters folded with their projection: G = F^T U, WIDTH x A. */
    private final double[] g;
    private final double threshold;
    /** The LSTM input weights as an (E + D + H) x 4H matrix for one GEMM per beam step; made on first use. */
    private volatile INDArray wMatrix;

    Weights(AttentionDecoder.Dims d, boolean exact, double[] emb, double[] w, double[] b, double[] pEnc, double[] wDec,
            double[] bAtt, double[] v, double[] locF, double[] locU, double[] wOut, double[] bOut) {
        this.d = d;
        this.exact = exact;
        this.emb = emb;
        this.w = w;
        this.b = b;
        this.pEnc = pEnc;
        this.wDec = wDec;
        this.bAtt = bAtt;
        this.v = v;
        this.locF = locF;
        this.locU = locU;
        this.wOut = wOut;
        this.bOut = bOut;
        this.threshold = exact ? 0 : 1e-9;
        int kf = d.filters();
        int wf = d.filterWidth();
        int a = d.attention();
        g = new double[wf * a];
        for (int k = 0; k < kf; k++) {
            for (int q = 0; q < wf; q++) {
                for (int x = 0; x < a; x++) g[q * a + x] += locF[k * wf + q] * locU[k * a + x];
            }
        }
    }

    public AttentionDecoder.Dims dims() {
        return d;
    }

    /** The decoder state after some symbols: LSTM state and cell, the last attention weights and their running sum. */
    public record State(double[] s, double[] c, double[] alpha, double[] coverage) {
    }

    /** What one step gives: log-probabilities of the next class (0 = end), the new state and the context. */
    public record Step(double[] logProbs, State state) {
    }

    /** Prepares a line: {@code frames x features} encoder values, row-major. */
    public Reader read(double[] enc, int frames) {
        int D = d.features();
        int A = d.attention();
        if (enc.length < frames * D) throw new IllegalArgumentException(enc.length + " values for " + frames + " frames of " + D);
        double[] ph = new double[frames * A];
        for (int j = 0; j < frames; j++) {
            for (int c = 0; c < D; c++) {
                double x = enc[j * D + c];
                if (x == 0) continue;
                int r = c * A;
                int o = j * A;
                for (int a = 0; a < A; a++) ph[o + a] += x * pEnc[r + a];
            }
        }
        return new Reader(enc, frames, ph, 0);
    }

    /** One line being read. Thread-safe (states are values). */
    public final class Reader {
        private final double[] enc;
        private final int frames;
        private final double[] ph;
        private final int window;

        private Reader(double[] enc, int frames, double[] ph, int window) {
            this.enc = enc;
            this.frames = frames;
            this.ph = ph;
            this.window = window;
        }

        public int frames() {
            return frames;
        }

        /**
         * The same line read with windowed attention (Chorowski et al. 2015, "Attention-based models for speech
         * recognition", section 2.3): after the first symbol each step scores only the frames within {@code w} of
         * the median of the previous attention, and the others get weight 0; the weights inside the window are the
         * full softmax's renormalised over it. 0 = every frame. It bounds a step's attention cost by the window
         * instead of the line's width.
         */
        public Reader windowed(int w) {
            if (w < 0) throw new IllegalArgumentException("window must be >= 0, got " + w);
            return w == window ? this : new Reader(enc, frames, ph, w);
        }

        public int window() {
            return window;
        }

        public State start() {
            return new State(new double[d.hidden()], new double[d.hidden()], new double[frames], new double[frames]);
        }

        /** Feeds {@code token} (0 = start, else the class of the previous symbol) in state {@code st}. */
        public Step step(State st, int token) {
            return steps(new State[] {st}, new int[] {token})[0];
        }

        /**
         * Advances several hypotheses by one symbol each (a beam): the attention per hypothesis, the LSTM gates of
         * all of them in one pass over the weights (which do not fit in the cache, so one pass for the beam is what
         * keeps a beam as fast as a few greedy readings).
         */
        public Step[] steps(State[] sts, int[] tokens) {
            int D = d.features();
            int E = d.embedding();
            int H = d.hidden();
            int A = d.attention();
            int WF = d.filterWidth();
            int half = WF / 2;
            int C = d.classes();
            int T = frames;
            int B = sts.length;
            int I = E + D + H;
            int H4 = 4 * H;
            double[][] xs = new double[B][];
            double[][] alphas = new double[B][];
            double[] locA = new double[T * A];
            for (int bi = 0; bi < B; bi++) {
                State st = sts[bi];
                // hypotheses that extend the same one share its state: the attention depends on the state only
                int same = -1;
                for (int bj = 0; bj < bi && same < 0; bj++) if (sts[bj] == st) same = bj;
                if (same >= 0) {
                    double[] x = xs[same].clone();
                    System.arraycopy(emb, tokens[bi] * E, x, 0, E);
                    xs[bi] = x;
                    alphas[bi] = alphas[same];
                    continue;
                }
                double[] wds = bAtt.clone();
                for (int h = 0; h < H; h++) {
                    double sh = st.s()[h];
                    if (sh == 0) continue;
                    for (int a = 0; a < A; a++) wds[a] += sh * wDec[h * A + a];
                }
                double[] alpha = new double[T];
                double[] prev = st.alpha();
                int lo = 0;
                int hi = T;
                if (window > 0) {
                    int m = median(prev);
                    if (m >= 0) {
                        lo = Math.max(0, m - window);
                        hi = Math.min(T, m + window + 1);
                    }
                }
                java.util.Arrays.fill(locA, lo * A, hi * A, 0);
                for (int jj = 0; jj < T; jj++) {
                    double ajj = prev[jj];
                    if (!(ajj > threshold)) continue;
                    for (int q = 0; q < WF; q++) {
                        int j = jj - q + half;
                        if (j < lo || j >= hi) continue;
                        for (int a = 0; a < A; a++) locA[j * A + a] += ajj * g[q * A + a];
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int j = lo; j < hi; j++) {
                    int po = j * A;
                    double e = 0;
                    for (int a = 0; a < A; a++) e += v[a] * tanh(ph[po + a] + wds[a] + locA[po + a]);
                    alpha[j] = e;
                    if (e > max) max = e;
                }
                double sum = 0;
                for (int j = lo; j < hi; j++) {
                    alpha[j] = Math.exp(alpha[j] - max);
                    sum += alpha[j];
                }
                double[] x = new double[I];
                System.arraycopy(emb, tokens[bi] * E, x, 0, E);
                for (int j = lo; j < hi; j++) {
                    alpha[j] /= sum;
                    double aj = alpha[j];
                    if (aj < 1e-12) continue;
                    for (int c = 0; c < D; c++) x[E + c] += aj * enc[j * D + c];
                }
                System.arraycopy(st.s(), 0, x, E + D, H);
                xs[bi] = x;
                alphas[bi] = alpha;
            }
            double[][] gates = gates(xs, B, I, H4);
            Step[] out = new Step[B];
            for (int bi = 0; bi < B; bi++) {
                State st = sts[bi];
                double[] gt = gates[bi];
                double[] x = xs[bi];
                double[] s = new double[H];
                double[] c = new double[H];
                for (int j = 0; j < H; j++) {
                    double i = sigmoid(gt[j]);
                    double fg = sigmoid(gt[H + j]);
                    double gg = tanh(gt[2 * H + j]);
                    double o = sigmoid(gt[3 * H + j]);
                    c[j] = i * gg + fg * st.c()[j];
                    s[j] = o * tanh(c[j]);
                }
                double[] lo = bOut.clone();
                for (int i = 0; i < H + D; i++) {
                    double xi = i < H ? s[i] : x[E + i - H];
                    if (xi == 0) continue;
                    int r = i * C;
                    for (int k = 0; k < C; k++) lo[k] += xi * wOut[r + k];
                }
                double m = Double.NEGATIVE_INFINITY;
                for (double o : lo) m = Math.max(m, o);
                double z2 = 0;
                for (double o : lo) z2 += Math.exp(o - m);
                double lse = m + Math.log(z2);
                for (int k = 0; k < C; k++) lo[k] -= lse;
                double[] cov = st.coverage().clone();
                double[] alpha = alphas[bi];
                for (int j = 0; j < T; j++) cov[j] += alpha[j];
                out[bi] = new Step(lo, new State(s, c, alpha, cov));
            }
            return out;
        }
    }

    /**
     * The first frame at which the running sum of attention weights (a softmax's: summing to 1, or all 0 before the
     * first symbol) reaches half of it; -1 when they are all 0. One pass that stops at the median.
     */
    static int median(double[] alpha) {
        double acc = 0;
        for (int j = 0; j < alpha.length; j++) {
            acc += alpha[j];
            if (acc >= 0.5) return j;
        }
        if (!(acc > 0)) return -1;
        // weights summing to less than 1 (rounding): half of their own total
        double half = 0.5 * acc;
        acc = 0;
        for (int j = 0; j < alpha.length; j++) {
            acc += alpha[j];
            if (acc >= half) return j;
        }
        return alpha.length - 1;
    }

    /**
     * The LSTM gates of every hypothesis, b + x W: one single-threaded GEMM over the weights (they do not fit in
     * the cache; a loop per hypothesis reads them B times).
     */
    private double[][] gates(double[][] xs, int B, int I, int H4) {
        double[][] gates = new double[B][];
        INDArray wm = wMatrix;
        if (wm == null) {
            wm = Nd4j.create(w, new long[] {I, H4}, DataType.DOUBLE);
            wMatrix = wm;
        }
        double[] flat = new double[B * I];
        for (int bi = 0; bi < B; bi++) System.arraycopy(xs[bi], 0, flat, bi * I, I);
        INDArray x = Nd4j.create(flat, new long[] {B, I}, DataType.DOUBLE);
        double[] init = new double[B * H4];
        for (int bi = 0; bi < B; bi++) System.arraycopy(b, 0, init, bi * H4, H4);
        INDArray out = Nd4j.create(init, new long[] {B, H4}, DataType.DOUBLE);
        Gemm.serial(x, false, wm, false, out, 1.0, 1.0);
        double[] all = out.data().asDouble();
        for (int bi = 0; bi < B; bi++) gates[bi] = java.util.Arrays.copyOfRange(all, bi * H4, (bi + 1) * H4);
        return gates;
    }

    private double tanh(double x) {
        return exact ? Math.tanh(x) : fastTanh(x);
    }

    private double sigmoid(double x) {
        return exact ? 1 / (1 + Math.exp(-x)) : 0.5 * fastTanh(0.5 * x) + 0.5;
    }

    /** tanh as the rational minimax approximation FastGates uses (max error about 1e-7), in double arithmetic. */
    static double fastTanh(double x) {
        double y = Math.max(-CLAMP, Math.min(CLAMP, x));
        double x2 = y * y;
        double p = x2 * -2.76076847742355e-16 + 2.00018790482477e-13;
        p = x2 * p + -8.60467152213735e-11;
        p = x2 * p + 5.12229709037114e-08;
        p = x2 * p + 1.48572235717979e-05;
        p = x2 * p + 6.37261928875436e-04;
        p = x2 * p + 4.89352455891786e-03;
        double q = x2 * 1.19825839466702e-06 + 1.18534705686654e-04;
        q = x2 * q + 2.26843463243900e-03;
        q = x2 * q + 4.89352518554385e-03;
        return y * p / q;
    }
}
