package dev.ductus.attention.nn;

import dev.ductus.nn.layer.Initialization;
import dev.ductus.nn.layer.Param;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Gemm;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A location-aware attention decoder (Bahdanau, Cho and Bengio 2015; Chorowski et al. 2015) over the frames of
 * an encoded line: at step t the energies {@code e_tj = v . tanh(P h_j + W s_{t-1} + U f_tj + b)} (f_tj: the
 * previous attention weights convolved by learned filters, the "location" term) are normalised over the
 * sample's frames into the attention {@code a_t}, the context {@code c_t = sum_j a_tj h_j} and the embedding of
 * the previous symbol feed an LSTM cell (state {@code s_t}), and {@code [s_t; c_t]} gives the log-probabilities
 * of the next symbol. Class 0 is the boundary: the start token as input, the end of the line as output; class
 * i > 0 is alphabet symbol i - 1 (the CTC numbering without its blank).
 * <p>
 * Training is teacher-forced ({@link #train}): the loss is the summed negative log-likelihood of the targets and
 * the end symbol, times a scale, and backward gives every parameter's gradient and the gradient with respect to
 * the encoder frames. The large products (LSTM gates of the whole batch, output layer of all steps, encoder
 * projection) run through BLAS; the attention arithmetic per sample runs in Java in double precision. In a
 * double-precision decoder every nonlinearity is exact (gradient checks); in float, tanh is the rational
 * approximation of {@code FastGates}. Not thread-safe; inference goes through {@link Weights} snapshots, which are.
 */
public final class AttentionDecoder {
    /** The decoder's sizes: encoder features D, embedding E, LSTM H, attention A, location filters and width, classes. */
    public record Dims(int features, int embedding, int hidden, int attention, int filters, int filterWidth, int classes) {
        public Dims {
            if (features < 1 || embedding < 1 || hidden < 1 || attention < 1 || filters < 1 || classes < 2) {
                throw new IllegalArgumentException("attention decoder sizes must be positive: " + this);
            }
            if (filterWidth < 1 || filterWidth % 2 == 0) {
                throw new IllegalArgumentException("location filter width must be odd, got " + filterWidth);
            }
        }

        /** {@code E:H:A:FILTERS:WIDTH}, what model files and options store (D and the classes come from elsewhere). */
        public String spec() {
            return embedding + ":" + hidden + ":" + attention + ":" + filters + ":" + filterWidth;
        }

        public static Dims parse(String spec, int features, int classes) {
            String[] p = spec.trim().split(":");
            if (p.length != 5) throw new IllegalArgumentException("decoder spec E:H:A:FILTERS:WIDTH expected, got '" + spec + "'");
            try {
                return new Dims(features, Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                        Integer.parseInt(p[3]), Integer.parseInt(p[4]), classes);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("decoder spec E:H:A:FILTERS:WIDTH expected, got '" + spec + "'", e);
            }
        }

        int inputs() {
            return embedding + features + hidden;
        }

        /** Parameter values of a decoder of these sizes (to check a file's header before allocating). */
        public long parameterCount() {
            long h4 = 4L * hidden;
            return (long) classes * embedding + (long) inputs() * h4 + h4 + (long) features * attention
                    + (long) hidden * attention + 2L * attention + (long) filters * filterWidth + (long) filters * attention
                    + (long) (hidden + features) * classes + classes;
        }
    }

    private final Dims d;
    private final DataType type;
    private final boolean exact;
    /** Previous attention weights at or below this are left out of the location term (0 in double: exact). */
    private final double threshold;
    final Param emb;
    final Param w;
    final Param b;
    final Param pEnc;
    final Param wDec;
    final Param bAtt;
    final Param v;
    final Param locF;
    final Param locU;
    final Param wOut;
    final Param bOut;
    private final List<Param> params;

    // training workspace: tensors for the products, reused from batch to batch
    private final Tensor ph;
    private final Tensor xin;
    private final Tensor gates;
    private final Tensor outIn;
    private final Tensor logits;
    private final Tensor dLogits;
    private final Tensor dOutIn;
    private final Tensor dG;
    private final Tensor dxin;
    private final Tensor dPh;
    private final Staging staging = new Staging();

    public AttentionDecoder(DataType type, Dims d) {
        this(type, d, params(type, d));
    }

    private AttentionDecoder(DataType type, Dims d, List<Param> ps) {
        this.d = d;
        this.type = type;
        this.exact = type == DataType.DOUBLE;
        this.threshold = exact ? 0 : 1e-9;
        this.params = List.copyOf(ps);
        emb = ps.get(0);
        w = ps.get(1);
        b = ps.get(2);
        pEnc = ps.get(3);
        wDec = ps.get(4);
        bAtt = ps.get(5);
        v = ps.get(6);
        locF = ps.get(7);
        locU = ps.get(8);
        wOut = ps.get(9);
        bOut = ps.get(10);
        ph = new Tensor(type, 1);
        xin = new Tensor(type, 1);
        gates = new Tensor(type, 1);
        outIn = new Tensor(type, 1);
        logits = new Tensor(type, 1);
        dLogits = new Tensor(type, 1);
        dOutIn = new Tensor(type, 1);
        dG = new Tensor(type, 1);
        dxin = new Tensor(type, 1);
        dPh = new Tensor(type, 1);
    }

    /** The decoder's parameters in file order (names {@code dec.*}), values unset. */
    public static List<Param> params(DataType type, Dims d) {
        int h4 = 4 * d.hidden();
        return List.of(
                new Param("dec.embedding", type, true, d.classes(), d.embedding()),
                new Param("dec.lstm.w", type, true, d.inputs(), h4),
                new Param("dec.lstm.bias", type, false, h4),
                new Param("dec.att.encoder", type, true, d.features(), d.attention()),
                new Param("dec.att.state", type, true, d.hidden(), d.attention()),
                new Param("dec.att.bias", type, false, d.attention()),
                new Param("dec.att.v", type, true, d.attention()),
                new Param("dec.loc.filters", type, true, d.filters(), d.filterWidth()),
                new Param("dec.loc.proj", type, true, d.filters(), d.attention()),
                new Param("dec.out.w", type, true, d.hidden() + d.features(), d.classes()),
                new Param("dec.out.bias", type, false, d.classes()));
    }

    /** A decoder over parameters read from a file (in {@link #params} order). */
    public static AttentionDecoder of(DataType type, Dims d, List<Param> ps) {
        List<Param> expected = params(type, d);
        if (ps.size() != expected.size()) throw new IllegalArgumentException(ps.size() + " decoder parameters, expected " + expected.size());
        for (int i = 0; i < ps.size(); i++) {
            if (!ps.get(i).name().equals(expected.get(i).name())
                    || !java.util.Arrays.equals(ps.get(i).shape(), expected.get(i).shape())) {
                throw new IllegalArgumentException("decoder parameter " + ps.get(i) + " where " + expected.get(i) + " was expected");
            }
        }
        return new AttentionDecoder(type, d, ps);
    }

    public Dims dims() {
        return d;
    }

    public List<Param> params() {
        return params;
    }

    public long parameterCount() {
        long n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    /** Glorot weights, orthogonal recurrent blocks, forget-gate bias 1, small embeddings, zero biases. */
    public void initialize(SplittableRandom rnd) {
        int h = d.hidden();
        int ex = d.embedding() + d.features();
        Tensor e = emb.value();
        for (int i = 0; i < emb.size(); i++) e.set(i, rnd.nextDouble(-0.1, 0.1));
        // input rows (embedding, context) Glorot; recurrent rows orthogonal per gate
        double a = Math.sqrt(6.0 / (ex + 4 * h));
        Tensor wv = w.value();
        for (int i = 0; i < ex * 4 * h; i++) wv.set(i, rnd.nextDouble(-a, a));
        Tensor rec = new Tensor(type, h * 4 * h);
        for (int g = 0; g < 4; g++) Initialization.orthogonalBlock(rec, h, 4 * h, g * h, h, rnd);
        wv.copyFrom(rec, 0, ex * 4 * h, h * 4 * h);
        rec.release();
        Initialization.constant(b, 0);
        b.value().fill(h, 2 * h, 1.0);
        Initialization.glorotUniform(pEnc, d.features(), d.attention(), rnd);
        Initialization.glorotUniform(wDec, d.hidden(), d.attention(), rnd);
        Initialization.constant(bAtt, 0);
        Initialization.glorotUniform(v, d.attention(), 1, rnd);
        Initialization.glorotUniform(locF, d.filterWidth(), d.filters(), rnd);
        Initialization.glorotUniform(locU, d.filters(), d.attention(), rnd);
        Initialization.glorotUniform(wOut, d.hidden() + d.features(), d.classes(), rnd);
        Initialization.constant(bOut, 0);
    }

    public void zeroGrad() {
        for (Param p : params) p.zeroGrad();
    }

    /** A read-only snapshot of the current weights for inference (thread-safe, independent of later training). */
    public Weights weights() {
        return new Weights(d, exact, Staging.values(emb), Staging.values(w), Staging.values(b), Staging.values(pEnc), Staging.values(wDec), Staging.values(bAtt),
                Staging.values(v), Staging.values(locF), Staging.values(locU), Staging.values(wOut), Staging.values(bOut));
    }

    /**
     * The teacher-forced loss of a batch, without gradients: {@code scale} times the summed negative
     * log-likelihood of each target sequence followed by the end symbol.
     *
     * @param enc     encoder frames, height 1, {@code features} channels (each sample its own width)
     * @param targets per sample, the classes 1..K of its symbols
     */
    public double loss(Batch enc, int[][] targets, double scale) {
        return run(enc, targets, scale, false, null);
    }

    /**
     * Forward and backward: returns the loss as {@link #loss}, adds the scaled gradient of every parameter into
     * its {@link Param#grad()}, and writes the gradient with respect to the encoder frames into {@code dEnc}
     * (reshaped like {@code enc}) unless it is null.
     */
    public double train(Batch enc, int[][] targets, double scale, Batch dEnc) {
        return run(enc, targets, scale, true, dEnc);
    }

    /** Steps of the teacher-forced decoding of every sample (its symbols plus the end), summed. */
    public static int tokens(int[][] targets) {
        int n = 0;
        for (int[] t : targets) n += t.length + 1;
        return n;
    }

    private double run(Batch enc, int[][] targets, double scale, boolean backward, Batch dEnc) {
        if (enc.height() != 1) throw new IllegalArgumentException("the decoder reads frame sequences (height 1), got " + enc);
        if (enc.channels() != d.features()) {
            throw new IllegalArgumentException("the decoder reads " + d.features() + " features, got " + enc.channels());
        }
        int n = enc.n();
        if (targets.length != n) throw new IllegalArgumentException(targets.length + " targets for " + n + " samples");
        final int tmax = enc.width();
        final int D = d.features();
        final int E = d.embedding();
        final int H = d.hidden();
        final int H4 = 4 * H;
        final int A = d.attention();
        final int KF = d.filters();
        final int WF = d.filterWidth();
        final int half = WF / 2;
        final int C = d.classes();
        final int I = d.inputs();
        final int O = H + D;
        int[] len = enc.widths();
        int[] steps = new int[n];
        int smax = 0;
        for (int s = 0; s < n; s++) {
            for (int y : targets[s]) {
                if (y < 1 || y >= C) throw new IllegalArgumentException("target class " + y + " outside 1.." + (C - 1));
            }
            steps[s] = targets[s].length + 1;
            smax = Math.max(smax, steps[s]);
        }
        double[] embV = Staging.values(emb);
        double[] wDecV = Staging.values(wDec);
        double[] bAttV = Staging.values(bAtt);
        double[] vV = Staging.values(v);
        double[] locFV = Staging.values(locF);
        double[] locUV = Staging.values(locU);
        double[] bV = Staging.values(b);
        double[] bOutV = Staging.values(bOut);

        double[] encA = new double[n * tmax * D];
        staging.load(enc.data(), 0, encA, 0, encA.length);
        ph.ensure(n * tmax * A);
        Gemm.set(enc.data().matrix(n * tmax, D), false, pEnc.matrix(D, A), false, ph.matrix(n * tmax, A));
        double[] phA = new double[n * tmax * A];
        staging.load(ph, 0, phA, 0, phA.length);

        double[] alpha = new double[(smax + 1) * n * tmax];   // block t + 1: a_t; block 0: the zero start
        // the location term U (F * a_{t-1}) folded into one filter bank G = F^T U of WIDTH x A
        double[] G = new double[WF * A];
        for (int k = 0; k < KF; k++) {
            for (int q = 0; q < WF; q++) {
                double f = locFV[k * WF + q];
                for (int a = 0; a < A; a++) G[q * A + a] += f * locUV[k * A + a];
            }
        }
        final int parts = Staging.parts(n, 2);
        double[][] locAP = new double[parts][tmax * A];
        double[][] thP = new double[parts][A];
        double[] wds = new double[smax * n * A];
        double[] hs = new double[(smax + 1) * n * H];           // block t: s_{t-1}
        double[] cell = new double[smax * n * H];
        double[] tanhC = new double[smax * n * H];
        double[] gAct = new double[smax * n * H4];
        double[] outA = new double[smax * n * O];
        xin.ensure(smax * n * I);
        gates.ensure(smax * n * H4);
        outIn.ensure(smax * n * O);
        double[] xrow = new double[n * I];

        for (int t = 0; t < smax; t++) {
            java.util.Arrays.fill(xrow, 0);
            final int tt = t;
            Staging.forParts(n, parts, (p, from, to) -> {
                double[] locA = locAP[p];
                double[] th = thP[p];
                for (int s = from; s < to; s++) {
                    if (tt >= steps[s]) continue;
                    int T = len[s];
                    int sp = (tt * n + s) * H;
                    int wo = (tt * n + s) * A;
                    for (int a = 0; a < A; a++) wds[wo + a] = bAttV[a];
                    for (int h = 0; h < H; h++) {
                        double sh = hs[sp + h];
                        if (sh == 0) continue;
                        int r = h * A;
                        for (int a = 0; a < A; a++) wds[wo + a] += sh * wDecV[r + a];
                    }
                    int ap = (tt * n + s) * tmax;            // a_{tt-1}
                    int an = ((tt + 1) * n + s) * tmax;      // a_t
                    locationTerm(alpha, ap, T, G, WF, A, locA);
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < T; j++) {
                        int po = (s * tmax + j) * A;
                        int lj = j * A;
                        energyTanh(phA, po, wds, wo, locA, lj, th, A);
                        double e = 0;
                        for (int a = 0; a < A; a++) e += vV[a] * th[a];
                        alpha[an + j] = e;
                        if (e > max) max = e;
                    }
                    double sum = 0;
                    for (int j = 0; j < T; j++) {
                        double x = Math.exp(alpha[an + j] - max);
                        alpha[an + j] = x;
                        sum += x;
                    }
                    for (int j = 0; j < T; j++) alpha[an + j] /= sum;
                    int xo = s * I;
                    int token = tt == 0 ? 0 : targets[s][tt - 1];
                    System.arraycopy(embV, token * E, xrow, xo, E);
                    for (int j = 0; j < T; j++) {
                        double aj = alpha[an + j];
                        int eo = (s * tmax + j) * D;
                        for (int c = 0; c < D; c++) xrow[xo + E + c] += aj * encA[eo + c];
                    }
                    System.arraycopy(hs, sp, xrow, xo + E + D, H);
                }
            });
            staging.store(xrow, 0, xin, t * n * I, n * I);
            Gemm.set(xin.matrix((long) t * n * I, n, I), false, w.matrix(I, H4), false, gates.matrix((long) t * n * H4, n, H4));
            int go0 = t * n * H4;
            staging.load(gates, go0, gAct, go0, n * H4);
            for (int s = 0; s < n; s++) {
                int go = go0 + s * H4;
                int co = (t * n + s) * H;
                int hn = ((t + 1) * n + s) * H;
                int oo = (t * n + s) * O;
                if (t >= steps[s]) {
                    java.util.Arrays.fill(gAct, go, go + H4, 0);
                    continue;
                }
                for (int j = 0; j < H; j++) {
                    double i = sigmoid(gAct[go + j] + bV[j]);
                    double f = sigmoid(gAct[go + H + j] + bV[H + j]);
                    double g = tanh(gAct[go + 2 * H + j] + bV[2 * H + j]);
                    double o = sigmoid(gAct[go + 3 * H + j] + bV[3 * H + j]);
                    gAct[go + j] = i;
                    gAct[go + H + j] = f;
                    gAct[go + 2 * H + j] = g;
                    gAct[go + 3 * H + j] = o;
                    double c = i * g + (t > 0 ? f * cell[co - n * H + j] : 0);
                    cell[co + j] = c;
                    double tc = tanh(c);
                    tanhC[co + j] = tc;
                    hs[hn + j] = o * tc;
                }
                System.arraycopy(hs, hn, outA, oo, H);
                System.arraycopy(xrow, s * I + E, outA, oo + H, D);
            }
        }
        int rows = smax * n;
        staging.store(outA, 0, outIn, 0, rows * O);
        logits.ensure(rows * C);
        Gemm.set(outIn.matrix(rows, O), false, wOut.matrix(O, C), false, logits.matrix(rows, C));
        double[] lg = new double[rows * C];
        staging.load(logits, 0, lg, 0, rows * C);
        double loss = 0;
        for (int t = 0; t < smax; t++) {
            for (int s = 0; s < n; s++) {
                int r = (t * n + s) * C;
                if (t >= steps[s]) {
                    java.util.Arrays.fill(lg, r, r + C, 0);
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < C; c++) {
                    lg[r + c] += bOutV[c];
                    max = Math.max(max, lg[r + c]);
                }
                double sum = 0;
                for (int c = 0; c < C; c++) sum += Math.exp(lg[r + c] - max);
                double lse = max + Math.log(sum);
                int y = t < targets[s].length ? targets[s][t] : 0;
                loss -= lg[r + y] - lse;
                for (int c = 0; c < C; c++) lg[r + c] = scale * Math.exp(lg[r + c] - lse);
                lg[r + y] -= scale;
            }
        }
        loss *= scale;
        if (!backward) return loss;

        // ---- backward ----
        double[] dBOut = new double[C];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < C; c++) dBOut[c] += lg[r * C + c];
        }
        dLogits.ensure(rows * C);
        staging.store(lg, 0, dLogits, 0, rows * C);
        Gemm.add(outIn.matrix(rows, O), true, dLogits.matrix(rows, C), false, wOut.gradMatrix(O, C));
        dOutIn.ensure(rows * O);
        Gemm.set(dLogits.matrix(rows, C), false, wOut.matrix(O, C), true, dOutIn.matrix(rows, O));
        double[] dOut = new double[rows * O];
        staging.load(dOutIn, 0, dOut, 0, rows * O);

        double[] dsRec = new double[n * H];
        double[] dcNext = new double[n * H];
        double[] dAlpha = new double[(smax + 1) * n * tmax];
        double[] dEncA = new double[n * tmax * D];
        double[] dPhA = new double[n * tmax * A];
        double[] dEmb = new double[C * E];
        double[] dWDec = new double[H * A];
        double[] dBAtt = new double[A];
        double[] dV = new double[A];
        double[] dLocF = new double[KF * WF];
        double[] dLocU = new double[KF * A];
        double[] dB = new double[H4];
        double[] grow = new double[n * H4];
        double[] dx = new double[n * I];
        double[] dGLoc = new double[WF * A];
        // per part of the batch (the samples' attention runs on all cores): scratch and gradient sums
        double[][] dctxP = new double[parts][D];
        double[][] dWdsP = new double[parts][A];
        double[][] dUP = new double[parts][tmax * A];
        double[][] dEmbP = new double[parts][C * E];
        double[][] dWDecP = new double[parts][H * A];
        double[][] dBAttP = new double[parts][A];
        double[][] dVP = new double[parts][A];
        double[][] dGLocP = new double[parts][WF * A];
        dG.ensure(rows * H4);
        dxin.ensure(n * I);
        for (int t = smax - 1; t >= 0; t--) {
            for (int s = 0; s < n; s++) {
                int go = s * H4;
                if (t >= steps[s]) {
                    java.util.Arrays.fill(grow, go, go + H4, 0);
                    continue;
                }
                int ga = (t * n + s) * H4;
                int co = (t * n + s) * H;
                int ro = s * H;
                int oo = (t * n + s) * O;
                for (int j = 0; j < H; j++) {
                    double i = gAct[ga + j];
                    double f = gAct[ga + H + j];
                    double g = gAct[ga + 2 * H + j];
                    double o = gAct[ga + 3 * H + j];
                    double tc = tanhC[co + j];
                    double dh = dOut[oo + j] + dsRec[ro + j];
                    double dc = dcNext[ro + j] + dh * o * (1 - tc * tc);
                    double cprev = t > 0 ? cell[co - n * H + j] : 0;
                    grow[go + j] = dc * g * i * (1 - i);
                    grow[go + H + j] = dc * cprev * f * (1 - f);
                    grow[go + 2 * H + j] = dc * i * (1 - g * g);
                    grow[go + 3 * H + j] = dh * tc * o * (1 - o);
                    dcNext[ro + j] = dc * f;
                }
                for (int q = 0; q < H4; q++) dB[q] += grow[go + q];
            }
            staging.store(grow, 0, dG, t * n * H4, n * H4);
            Gemm.set(dG.matrix((long) t * n * H4, n, H4), false, w.matrix(I, H4), true, dxin.matrix(n, I));
            staging.load(dxin, 0, dx, 0, n * I);
            final int tt = t;
            Staging.forParts(n, parts, (p, from, to) -> {
                double[] locA = locAP[p];
                double[] th = thP[p];
                double[] dctx = dctxP[p];
                double[] dWds = dWdsP[p];
                double[] dU = dUP[p];
                double[] qEmb = dEmbP[p];
                double[] qWDec = dWDecP[p];
                double[] qBAtt = dBAttP[p];
                double[] qV = dVP[p];
                double[] qGLoc = dGLocP[p];
                for (int s = from; s < to; s++) {
                    int ro = s * H;
                    if (tt >= steps[s]) {
                        java.util.Arrays.fill(dsRec, ro, ro + H, 0);
                        java.util.Arrays.fill(dcNext, ro, ro + H, 0);
                        continue;
                    }
                    int T = len[s];
                    int xo = s * I;
                    int oo = (tt * n + s) * O;
                    int token = tt == 0 ? 0 : targets[s][tt - 1];
                    for (int q = 0; q < E; q++) qEmb[token * E + q] += dx[xo + q];
                    for (int c = 0; c < D; c++) dctx[c] = dOut[oo + H + c] + dx[xo + E + c];
                    // d s_{tt-1} from the recurrent input
                    System.arraycopy(dx, xo + E + D, dsRec, ro, H);
                    int ap = (tt * n + s) * tmax;
                    int an = ((tt + 1) * n + s) * tmax;
                    double dot = 0;
                    for (int j = 0; j < T; j++) {
                        int eo = (s * tmax + j) * D;
                        double aj = alpha[an + j];
                        double da = dAlpha[an + j];
                        for (int c = 0; c < D; c++) dEncA[eo + c] += aj * dctx[c];
                        for (int c = 0; c < D; c++) da += dctx[c] * encA[eo + c];
                        dAlpha[an + j] = da;
                        dot += aj * da;
                    }
                    int wo = (tt * n + s) * A;
                    java.util.Arrays.fill(dWds, 0);
                    locationTerm(alpha, ap, T, G, WF, A, locA);
                    for (int j = 0; j < T; j++) {
                        double de = alpha[an + j] * (dAlpha[an + j] - dot);
                        int po = (s * tmax + j) * A;
                        int lj = j * A;
                        energyTanh(phA, po, wds, wo, locA, lj, th, A);
                        for (int a = 0; a < A; a++) {
                            double ta = th[a];
                            qV[a] += de * ta;
                            double du = de * vV[a] * (1 - ta * ta);
                            dPhA[po + a] += du;
                            dWds[a] += du;
                            dU[lj + a] = du;
                        }
                    }
                    // through the location term: G's gradient, and a_{tt-1}'s where it carries weight (a frame without
                    // attention passes no gradient back through the softmax, so it is skipped in float decoders)
                    for (int jj = 0; jj < T; jj++) {
                        double ajj = alpha[ap + jj];
                        if (!(ajj > threshold)) continue;
                        double acc = 0;
                        for (int q = 0; q < WF; q++) {
                            int j = jj - q + half;
                            if (j < 0 || j >= T) continue;
                            int gq = q * A;
                            int lj = j * A;
                            for (int a = 0; a < A; a++) qGLoc[gq + a] += ajj * dU[lj + a];
                            for (int a = 0; a < A; a++) acc += dU[lj + a] * G[gq + a];
                        }
                        dAlpha[ap + jj] += acc;
                    }
                    int sp = (tt * n + s) * H;
                    for (int a = 0; a < A; a++) qBAtt[a] += dWds[a];
                    for (int h = 0; h < H; h++) {
                        double sh = hs[sp + h];
                        int r = h * A;
                        double acc = 0;
                        for (int a = 0; a < A; a++) qWDec[r + a] += sh * dWds[a];
                        for (int a = 0; a < A; a++) acc += wDecV[r + a] * dWds[a];
                        dsRec[ro + h] += acc;
                    }
                }
            });
        }
        for (int p = 0; p < parts; p++) {
            Staging.sum(dEmb, dEmbP[p]);
            Staging.sum(dWDec, dWDecP[p]);
            Staging.sum(dBAtt, dBAttP[p]);
            Staging.sum(dV, dVP[p]);
            Staging.sum(dGLoc, dGLocP[p]);
        }
        for (int k = 0; k < KF; k++) {
            for (int q = 0; q < WF; q++) {
                double acc = 0;
                for (int a = 0; a < A; a++) {
                    acc += locUV[k * A + a] * dGLoc[q * A + a];
                    dLocU[k * A + a] += locFV[k * WF + q] * dGLoc[q * A + a];
                }
                dLocF[k * WF + q] += acc;
            }
        }
        Gemm.add(xin.matrix(rows, I), true, dG.matrix(rows, H4), false, w.gradMatrix(I, H4));
        dPh.ensure(n * tmax * A);
        staging.store(dPhA, 0, dPh, 0, n * tmax * A);
        Gemm.add(enc.data().matrix(n * tmax, D), true, dPh.matrix(n * tmax, A), false, pEnc.gradMatrix(D, A));
        if (dEnc != null) {
            dEnc.reshapeLike(enc, D);
            staging.store(dEncA, 0, dEnc.data(), 0, dEncA.length);
            Gemm.add(dPh.matrix(n * tmax, A), false, pEnc.matrix(D, A), true, dEnc.data().matrix(n * tmax, D));
            dEnc.zeroPadding();
        }
        Staging.addGrad(emb, dEmb);
        Staging.addGrad(b, dB);
        Staging.addGrad(wDec, dWDec);
        Staging.addGrad(bAtt, dBAtt);
        Staging.addGrad(v, dV);
        Staging.addGrad(locF, dLocF);
        Staging.addGrad(locU, dLocU);
        Staging.addGrad(bOut, dBOut);
        return loss;
    }

    /**
     * locA[j][a] = sum_q G[q][a] a_prev[j + q - half]: scattered from the frames of the previous attention that
     * carry weight (all of them in a double decoder, those above 1e-9 in float: the attention is peaked).
     */
    private void locationTerm(double[] alpha, int ap, int T, double[] G, int WF, int A, double[] locA) {
        java.util.Arrays.fill(locA, 0, T * A, 0);
        int half = WF / 2;
        for (int jj = 0; jj < T; jj++) {
            double ajj = alpha[ap + jj];
            if (!(ajj > threshold)) continue;
            for (int q = 0; q < WF; q++) {
                int j = jj - q + half;
                if (j < 0 || j >= T) continue;
                int gq = q * A;
                int lj = j * A;
                for (int a = 0; a < A; a++) locA[lj + a] += ajj * G[gq + a];
            }
        }
    }

    /** th[a] = tanh(ph[po + a] + wds[wo + a] + loc[lo + a]): separate loops per mode, so the float one vectorises. */
    private void energyTanh(double[] ph, int po, double[] wds, int wo, double[] loc, int lo, double[] th, int A) {
        if (exact) {
            for (int a = 0; a < A; a++) th[a] = Math.tanh(ph[po + a] + wds[wo + a] + loc[lo + a]);
        } else {
            for (int a = 0; a < A; a++) th[a] = Weights.fastTanh(ph[po + a] + wds[wo + a] + loc[lo + a]);
        }
    }

    private double tanh(double x) {
        return exact ? Math.tanh(x) : Weights.fastTanh(x);
    }

    private double sigmoid(double x) {
        return exact ? 1 / (1 + Math.exp(-x)) : 0.5 * Weights.fastTanh(0.5 * x) + 0.5;
    }

    public void releaseBuffers() {
        for (Tensor t : new Tensor[] {ph, xin, gates, outIn, logits, dLogits, dOutIn, dG, dxin, dPh}) t.release();
    }
}
