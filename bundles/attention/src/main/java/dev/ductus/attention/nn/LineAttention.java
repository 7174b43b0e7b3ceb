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
 * Line-level attention over a 2-D feature map (Bluche 2016, "Joint line segmentation and transcription for
 * end-to-end handwritten paragraph recognition"): at step i the energies
 * {@code e_i(y,x) = v . tanh(P h(y,x) + U f_i(y,x) + b)}, where f_i are learned convolutions of the previous
 * step's attention and of the attention summed over all previous steps (where the last line was, and what is read
 * already), are normalised over the rows of each column, and the map collapses into one line's frames,
 * {@code g_i(x) = gain * sum_y a_i(y,x) h(y,x)}: the MDLSTM collapse with the rows weighted by attention, so a CTC
 * head trained on collapsed lines reads them. Before the first step all attention is on the top row (a line
 * above the page), so one rule, "the next line below", finds the first line too.
 * <p>
 * {@link #forward} computes the frames of a given number of steps per sample (a batch of line sequences, sample
 * by sample, step by step); {@link #backward} takes the gradient of those frames and returns the map's, adding
 * the parameter gradients. Double precision is exact (gradient checks); the samples run on all cores.
 */
public final class LineAttention {
    /** Sizes: map channels D, attention A, location filters and their kernel (rows x columns, both odd). */
    public record Dims(int features, int attention, int filters, int kernelHeight, int kernelWidth) {
        public Dims {
            if (features < 1 || attention < 1 || filters < 1) throw new IllegalArgumentException("line attention sizes must be positive: " + this);
            if (kernelHeight < 1 || kernelHeight % 2 == 0 || kernelWidth < 1 || kernelWidth % 2 == 0) {
                throw new IllegalArgumentException("location kernel sizes must be odd: " + this);
            }
        }

        /** {@code A:FILTERS:KHxKW} (D comes from the encoder). */
        public String spec() {
            return attention + ":" + filters + ":" + kernelHeight + "x" + kernelWidth;
        }

        public static Dims parse(String spec, int features) {
            try {
                String[] p = spec.trim().split(":");
                String[] k = p[2].split("x");
                return new Dims(features, Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(k[0]), Integer.parseInt(k[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line attention spec A:FILTERS:KHxKW expected, got '" + spec + "'", e);
            }
        }

        public long parameterCount() {
            return (long) features * attention + 2L * attention + (long) filters * 2 * kernelHeight * kernelWidth
                    + (long) filters * attention + 1;
        }
    }

    private final Dims d;
    private final boolean exact;
    final Param pEnc;
    final Param bAtt;
    final Param v;
    final Param locF;
    final Param locU;
    final Param gain;
    private final List<Param> params;
    private final Tensor ph;
    private final Tensor dPh;
    private final Staging staging = new Staging();

    // what backward needs from the last forward
    private Batch in;
    private int[] steps;
    private double[] encA;
    private double[] phA;
    private double[][] alpha;   // per sample: (steps + 1) maps of rows x cols; map 0 is the start
    private int outChannels;
    private Band[][] bands;       // the guide of the next backward, per sample and step (null: none)
    private double guideWeight;

    public LineAttention(DataType type, Dims d) {
        this(type, d, params(type, d));
    }

    private LineAttention(DataType type, Dims d, List<Param> ps) {
        this.d = d;
        this.exact = type == DataType.DOUBLE;
        this.params = List.copyOf(ps);
        pEnc = ps.get(0);
        bAtt = ps.get(1);
        v = ps.get(2);
        locF = ps.get(3);
        locU = ps.get(4);
        gain = ps.get(5);
        ph = new Tensor(type, 1);
        dPh = new Tensor(type, 1);
    }

    public static List<Param> params(DataType type, Dims d) {
        return List.of(
                new Param("latt.encoder", type, true, d.features(), d.attention()),
                new Param("latt.bias", type, false, d.attention()),
                new Param("latt.v", type, true, d.attention()),
                new Param("latt.loc.filters", type, true, d.filters(), 2, d.kernelHeight(), d.kernelWidth()),
                new Param("latt.loc.proj", type, true, d.filters(), d.attention()),
                new Param("latt.gain", type, false, 1));
    }

    public static LineAttention of(DataType type, Dims d, List<Param> ps) {
        List<Param> expected = params(type, d);
        if (ps.size() != expected.size()) throw new IllegalArgumentException(ps.size() + " line attention parameters, expected " + expected.size());
        for (int i = 0; i < ps.size(); i++) {
            if (!ps.get(i).name().equals(expected.get(i).name()) || !java.util.Arrays.equals(ps.get(i).shape(), expected.get(i).shape())) {
                throw new IllegalArgumentException("line attention parameter " + ps.get(i) + " where " + expected.get(i) + " was expected");
            }
        }
        return new LineAttention(type, d, ps);
    }

    public Dims dims() {
        return d;
    }

    /** A copy sharing the parameters (gradients of its own), with its own buffers: one per thread. */
    public LineAttention replica() {
        List<Param> shared = new java.util.ArrayList<>();
        for (Param p : params) shared.add(p.sharing());
        return new LineAttention(exact ? DataType.DOUBLE : DataType.FLOAT, d, shared);
    }

    public List<Param> params() {
        return params;
    }

    /** Glorot weights, zero bias; {@code gain} the rows a line covers in the map (what the collapse summed). */
    public void initialize(SplittableRandom rnd, double initialGain) {
        Initialization.glorotUniform(pEnc, d.features(), d.attention(), rnd);
        Initialization.constant(bAtt, 0);
        Initialization.glorotUniform(v, d.attention(), 1, rnd);
        Initialization.glorotUniform(locF, 2 * d.kernelHeight() * d.kernelWidth(), d.filters(), rnd);
        Initialization.glorotUniform(locU, d.filters(), d.attention(), rnd);
        gain.value().set(0, initialGain);
    }

    /**
     * The frames of {@code steps[s]} lines of every sample: a batch of sum(steps) sequences (sample 0's lines
     * first), each as wide as its sample's map, {@code features} channels. The batch stays valid until the next call.
     */
    public Batch forward(Batch enc, int[] steps, Batch out) {
        if (enc.channels() != d.features()) throw new IllegalArgumentException("line attention reads " + d.features() + " channels, got " + enc.channels());
        int n = enc.n();
        if (steps.length != n) throw new IllegalArgumentException(steps.length + " step counts for " + n + " samples");
        int H = enc.height();
        int W = enc.width();
        int D = d.features();
        int A = d.attention();
        in = enc;
        this.steps = steps.clone();
        bands = null;
        encA = new double[n * H * W * D];
        staging.load(enc.data(), 0, encA, 0, encA.length);
        ph.ensure(n * H * W * A);
        Gemm.set(enc.data().matrix(n * H * W, D), false, pEnc.matrix(D, A), false, ph.matrix(n * H * W, A));
        phA = new double[n * H * W * A];
        staging.load(ph, 0, phA, 0, phA.length);
        int total = 0;
        for (int s : steps) total += s;
        int[] ones = new int[total];
        int[] widths = new int[total];
        java.util.Arrays.fill(ones, 1);
        int[] first = new int[n];
        for (int s = 0, k = 0; s < n; s++) {
            first[s] = k;
            for (int i = 0; i < steps[s]; i++) widths[k++] = enc.width(s);
        }
        out.reshape(total, 1, W, D, ones, widths);
        outChannels = D;
        double[] outA = new double[total * W * D];
        alpha = new double[n][];
        double[] vV = Staging.values(v);
        double[] bV = Staging.values(bAtt);
        double[] fV = Staging.values(locF);
        double[] uV = Staging.values(locU);
        double g = gain.value().get(0);
        Staging.forParts(n, Staging.parts(n, 1), (part, from, to) -> {
            for (int s = from; s < to; s++) {
                int h = enc.height(s);
                int w = enc.width(s);
                double[] al = new double[(steps[s] + 1) * h * w];
                for (int x = 0; x < w; x++) al[x] = 1;   // row 0 of the start map
                double[] cov = new double[h * w];
                double[] f = new double[h * w * d.filters()];
                double[] th = new double[A];
                for (int i = 0; i < steps[s]; i++) {
                    int prev = i * h * w;
                    int cur = (i + 1) * h * w;
                    location(al, prev, cov, h, w, fV, f);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            energy(s, y, x, H, W, f, (y * w + x) * d.filters(), vV, bV, uV, th);
                            double e = 0;
                            for (int a = 0; a < A; a++) e += vV[a] * th[a];
                            al[cur + y * w + x] = e;
                        }
                    }
                    for (int x = 0; x < w; x++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int y = 0; y < h; y++) max = Math.max(max, al[cur + y * w + x]);
                        double sum = 0;
                        for (int y = 0; y < h; y++) {
                            double z = Math.exp(al[cur + y * w + x] - max);
                            al[cur + y * w + x] = z;
                            sum += z;
                        }
                        for (int y = 0; y < h; y++) al[cur + y * w + x] /= sum;
                    }
                    int o = (first[s] + i) * W * D;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            double a = g * al[cur + y * w + x];
                            int eo = ((s * H + y) * W + x) * D;
                            int oo = o + x * D;
                            for (int c = 0; c < D; c++) outA[oo + c] += a * encA[eo + c];
                        }
                    }
                    for (int q = 0; q < h * w; q++) cov[q] += al[cur + q];
                }
                alpha[s] = al;
            }
        });
        staging.store(outA, 0, out.data(), 0, outA.length);
        return out;
    }

    /**
     * Where a line lies in a sample's map, for a guided step: rows {@code y0..y1} of columns {@code x0..x1}
     * (inclusive, clipped to the map).
     */
    public record Band(int y0, int y1, int x0, int x1) {
    }

    /**
     * The guide loss of the last forward: for each step with a band, the cross-entropy of each of the band's
     * columns' attention against the uniform distribution over the band's rows, averaged over those columns (each
     * line weighs 1), summed. The next {@link #backward} adds {@code weight} times its gradient. Training on the
     * pages' line boxes this way teaches the attention where the next line is before the reading loss can; reading
     * needs no boxes.
     *
     * @param bands per sample, per step (a row may be shorter than the steps, an entry null: no guide there)
     */
    public double guide(Band[][] bands, double weight) {
        if (in == null) throw new IllegalStateException("line attention: guide before forward");
        if (bands.length != in.n()) throw new IllegalArgumentException(bands.length + " band rows for " + in.n() + " samples");
        double loss = 0;
        for (int s = 0; s < bands.length; s++) {
            int h = in.height(s);
            int w = in.width(s);
            for (int i = 0; i < Math.min(steps[s], bands[s] == null ? 0 : bands[s].length); i++) {
                Band b = clip(bands[s][i], h, w);
                if (b == null) continue;
                int cur = (i + 1) * h * w;
                double rows = b.y1() - b.y0() + 1;
                double sum = 0;
                for (int x = b.x0(); x <= b.x1(); x++) {
                    for (int y = b.y0(); y <= b.y1(); y++) sum -= Math.log(Math.max(1e-300, alpha[s][cur + y * w + x])) / rows;
                }
                loss += sum / (b.x1() - b.x0() + 1);
            }
        }
        this.bands = bands;
        this.guideWeight = weight;
        return weight * loss;
    }

    private static Band clip(Band b, int h, int w) {
        if (b == null) return null;
        int y0 = Math.max(0, b.y0());
        int y1 = Math.min(h - 1, b.y1());
        int x0 = Math.max(0, b.x0());
        int x1 = Math.min(w - 1, b.x1());
        return y0 > y1 || x0 > x1 ? null : new Band(y0, y1, x0, x1);
    }

    /** The attention maps of the last forward: sample s, step i, rows x cols of the sample's map. */
    public double[] attention(int s, int i) {
        int h = in.height(s);
        int w = in.width(s);
        return java.util.Arrays.copyOfRange(alpha[s], (i + 1) * h * w, (i + 2) * h * w);
    }

    /** Back-propagates the gradient of the line frames; returns the map's gradient (into {@code dEnc}). */
    public Batch backward(Batch gradOut, Batch dEnc) {
        if (in == null) throw new IllegalStateException("line attention: backward before forward");
        Batch enc = in;
        int n = enc.n();
        int H = enc.height();
        int W = enc.width();
        int D = d.features();
        int A = d.attention();
        int KF = d.filters();
        int KH = d.kernelHeight();
        int KW = d.kernelWidth();
        int total = gradOut.n();
        double[] dOut = new double[total * W * D];
        staging.load(gradOut.data(), 0, dOut, 0, dOut.length);
        double[] vV = Staging.values(v);
        double[] bV = Staging.values(bAtt);
        double[] fV = Staging.values(locF);
        double[] uV = Staging.values(locU);
        double g = gain.value().get(0);
        double[] dEncA = new double[n * H * W * D];
        double[] dPhA = new double[n * H * W * A];
        int[] first = new int[n];
        for (int s = 0, k = 0; s < n; s++) {
            first[s] = k;
            k += steps[s];
        }
        int parts = Staging.parts(n, 1);
        double[][] dV = new double[parts][A];
        double[][] dB = new double[parts][A];
        double[][] dF = new double[parts][KF * 2 * KH * KW];
        double[][] dU = new double[parts][KF * A];
        double[] dGain = new double[parts];
        Band[][] guides = bands;
        double gw = guideWeight;
        bands = null;
        Staging.forParts(n, parts, (p, from, to) -> {
            for (int s = from; s < to; s++) {
                int h = enc.height(s);
                int w = enc.width(s);
                int hw = h * w;
                double[] al = alpha[s];
                // coverage before each step, rebuilt: cov_i = sum of the maps of steps < i
                double[][] covs = new double[steps[s] + 1][hw];
                for (int i = 1; i <= steps[s]; i++) {
                    for (int q = 0; q < hw; q++) covs[i][q] = covs[i - 1][q] + al[i * hw + q];
                }
                double[] dAlphaNext = new double[hw];   // d a_i from step i + 1's location term
                double[] dCovRun = new double[hw];      // d cov summed over later steps, flows to every earlier map
                double[] f = new double[hw * KF];
                double[] th = new double[A];
                double[] du = new double[hw * A];
                double[] da = new double[hw];
                for (int i = steps[s] - 1; i >= 0; i--) {
                    int cur = (i + 1) * hw;
                    int prev = i * hw;
                    int o = (first[s] + i) * W * D;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int eo = ((s * H + y) * W + x) * D;
                            int oo = o + x * D;
                            double dot = 0;
                            for (int c = 0; c < D; c++) dot += dOut[oo + c] * encA[eo + c];
                            double a = al[cur + y * w + x];
                            dGain[p] += a * dot;
                            double ga = g * a;
                            for (int c = 0; c < D; c++) dEncA[eo + c] += ga * dOut[oo + c];
                            da[y * w + x] = g * dot + dAlphaNext[y * w + x] + dCovRun[y * w + x];
                        }
                    }
                    location(al, prev, covs[i], h, w, fV, f);
                    java.util.Arrays.fill(du, 0);
                    Band band = guides == null || guides[s] == null || i >= guides[s].length ? null : clip(guides[s][i], h, w);
                    for (int x = 0; x < w; x++) {
                        double sum = 0;
                        for (int y = 0; y < h; y++) sum += al[cur + y * w + x] * da[y * w + x];
                        boolean guided = band != null && x >= band.x0() && x <= band.x1();
                        double perColumn = guided ? gw / (band.x1() - band.x0() + 1) : 0;
                        double target = guided ? 1.0 / (band.y1() - band.y0() + 1) : 0;
                        for (int y = 0; y < h; y++) {
                            int q = y * w + x;
                            double de = al[cur + q] * (da[q] - sum);
                            // cross-entropy through the column softmax: (a - t) per energy
                            if (guided) de += perColumn * (al[cur + q] - (y >= band.y0() && y <= band.y1() ? target : 0));
                            energy(s, y, x, H, W, f, q * KF, vV, bV, uV, th);
                            int po = ((s * H + y) * W + x) * A;
                            for (int a = 0; a < A; a++) {
                                dV[p][a] += de * th[a];
                                double u = de * vV[a] * (1 - th[a] * th[a]);
                                du[q * A + a] = u;
                                dPhA[po + a] += u;
                                dB[p][a] += u;
                            }
                        }
                    }
                    // through the location term: U, the filters, and the previous map and coverage
                    java.util.Arrays.fill(dAlphaNext, 0);
                    double[] dCovHere = new double[hw];
                    double[] df = new double[KF];
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int q = y * w + x;
                            for (int k = 0; k < KF; k++) {
                                double acc = 0;
                                double fk = f[q * KF + k];
                                for (int a = 0; a < A; a++) {
                                    dU[p][k * A + a] += fk * du[q * A + a];
                                    acc += du[q * A + a] * uV[k * A + a];
                                }
                                df[k] = acc;
                            }
                            for (int k = 0; k < KF; k++) {
                                if (df[k] == 0) continue;
                                for (int ky = 0; ky < KH; ky++) {
                                    int yy = y + ky - KH / 2;
                                    if (yy < 0 || yy >= h) continue;
                                    for (int kx = 0; kx < KW; kx++) {
                                        int xx = x + kx - KW / 2;
                                        if (xx < 0 || xx >= w) continue;
                                        int q2 = yy * w + xx;
                                        int f0 = ((k * 2) * KH + ky) * KW + kx;
                                        int f1 = ((k * 2 + 1) * KH + ky) * KW + kx;
                                        dF[p][f0] += df[k] * al[prev + q2];
                                        dF[p][f1] += df[k] * covs[i][q2];
                                        dAlphaNext[q2] += df[k] * fV[f0];
                                        dCovHere[q2] += df[k] * fV[f1];
                                    }
                                }
                            }
                        }
                    }
                    // cov_i = a_0 + ... + a_{i-1}: its gradient reaches every earlier map
                    for (int q = 0; q < hw; q++) dCovRun[q] += dCovHere[q];
                }
            }
        });
        for (int p = 0; p < parts; p++) {
            Staging.addGrad(v, dV[p]);
            Staging.addGrad(bAtt, dB[p]);
            Staging.addGrad(locF, dF[p]);
            Staging.addGrad(locU, dU[p]);
            gain.grad().add(0, dGain[p]);
        }
        dPh.ensure(n * H * W * A);
        staging.store(dPhA, 0, dPh, 0, dPhA.length);
        Gemm.add(enc.data().matrix(n * H * W, D), true, dPh.matrix(n * H * W, A), false, pEnc.gradMatrix(D, A));
        if (dEnc == null) return null;
        dEnc.reshapeLike(enc, D);
        staging.store(dEncA, 0, dEnc.data(), 0, dEncA.length);
        Gemm.add(dPh.matrix(n * H * W, A), false, pEnc.matrix(D, A), true, dEnc.data().matrix(n * H * W, D));
        dEnc.zeroPadding();
        return dEnc;
    }

    /** f[(y, x), k] = sum over the kernel of F[k, 0] * a_prev and F[k, 1] * coverage (zero outside the map). */
    private void location(double[] al, int prev, double[] cov, int h, int w, double[] fV, double[] f) {
        int KF = d.filters();
        int KH = d.kernelHeight();
        int KW = d.kernelWidth();
        java.util.Arrays.fill(f, 0, h * w * KF, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int fo = (y * w + x) * KF;
                for (int ky = 0; ky < KH; ky++) {
                    int yy = y + ky - KH / 2;
                    if (yy < 0 || yy >= h) continue;
                    for (int kx = 0; kx < KW; kx++) {
                        int xx = x + kx - KW / 2;
                        if (xx < 0 || xx >= w) continue;
                        double a = al[prev + yy * w + xx];
                        double c = cov[yy * w + xx];
                        if (a == 0 && c == 0) continue;
                        for (int k = 0; k < KF; k++) {
                            f[fo + k] += fV[((k * 2) * KH + ky) * KW + kx] * a + fV[((k * 2 + 1) * KH + ky) * KW + kx] * c;
                        }
                    }
                }
            }
        }
    }

    /** th[a] = tanh(P h + U f + b) at one position. */
    private void energy(int s, int y, int x, int H, int W, double[] f, int fo, double[] vV, double[] bV, double[] uV, double[] th) {
        int A = d.attention();
        int po = ((s * H + y) * W + x) * A;
        for (int a = 0; a < A; a++) th[a] = phA[po + a] + bV[a];
        for (int k = 0; k < d.filters(); k++) {
            double fk = f[fo + k];
            if (fk == 0) continue;
            for (int a = 0; a < A; a++) th[a] += fk * uV[k * A + a];
        }
        if (exact) {
            for (int a = 0; a < A; a++) th[a] = Math.tanh(th[a]);
        } else {
            for (int a = 0; a < A; a++) th[a] = Weights.fastTanh(th[a]);
        }
    }

    public void releaseBuffers() {
        ph.release();
        dPh.release();
    }
}
