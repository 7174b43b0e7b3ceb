package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Gemm;
import dev.ductus.nn.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * 2-D convolution over NHWC maps as im2col + one GEMM: every output position becomes a row of its
 * {@code kh x kw x in} receptive field, multiplied by the [kh*kw*in, filters] weight matrix, followed by bias
 * and activation in one pass. Stride 1 pads "same" ((k-1)/2 before); a stride above 1 pads nothing, as in the
 * MDLSTM papers' subsampling convolutions.
 */
public final class Conv2d extends BaseLayer {
    private final int filters;
    private final int kh;
    private final int kw;
    private final int sy;
    private final int sx;
    private final int py;
    private final int px;
    private final Nonlinearity act;
    private final Param weight;
    private final Param bias;
    private final Tensor cols;
    private int rows;

    public Conv2d(DataType type, Shape input, int filters, int kh, int kw, int sy, int sx, Nonlinearity act) {
        this(type, input, filters, kh, kw, sy, sx, act,
                new Param("weight", type, true, kh, kw, input.channels(), filters),
                new Param("bias", type, false, filters));
    }

    private Conv2d(DataType type, Shape input, int filters, int kh, int kw, int sy, int sx, Nonlinearity act,
                   Param weight, Param bias) {
        super(type, input, new Shape(input.fixedHeight() ? outSize(input.height(), kh, sy, sy == 1 ? (kh - 1) / 2 : 0)
                : Shape.VARIABLE, filters));
        if (kh <= 0 || kw <= 0 || sy <= 0 || sx <= 0 || filters <= 0) {
            throw new IllegalArgumentException("bad convolution " + filters + ":" + kh + "x" + kw + " stride " + sy + "x" + sx);
        }
        this.filters = filters;
        this.kh = kh;
        this.kw = kw;
        this.sy = sy;
        this.sx = sx;
        this.py = sy == 1 ? (kh - 1) / 2 : 0;
        this.px = sx == 1 ? (kw - 1) / 2 : 0;
        this.act = act;
        this.weight = weight;
        this.bias = bias;
        this.cols = new Tensor(type, 1);
    }

    static int outSize(int in, int k, int s, int pad) {
        return Math.max(1, (in + 2 * pad - k) / s + 1);
    }

    @Override
    public String spec() {
        return "conv=" + filters + ":" + kh + "x" + kw + (sy == 1 && sx == 1 ? "" : ":s=" + sy + "x" + sx)
                + (act == Nonlinearity.LEAKY ? "" : ":" + act.token());
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public int fanIn() {
        return kh * kw * inputShape.channels();
    }

    public Nonlinearity nonlinearity() {
        return act;
    }

    @Override
    public int outputWidth(int w) {
        return outSize(w, kw, sx, px);
    }

    @Override
    public int outputHeight(int h) {
        return outSize(h, kh, sy, py);
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int n = x.n();
        int[] hs = new int[n];
        int[] ws = new int[n];
        for (int s = 0; s < n; s++) {
            hs[s] = outputHeight(x.height(s));
            ws[s] = outputWidth(x.width(s));
        }
        out.reshape(n, outputHeight(x.height()), outputWidth(x.width()), filters, hs, ws);
        int k = kh * kw * inputShape.channels();
        rows = out.positions();
        cols.ensure(rows * k);
        im2col(x);
        Gemm.set(cols.matrix(rows, k), false, weight.matrix(k, filters), false, out.data().matrix(rows, filters));
        biasActivate();
        return out;
    }

    private void im2col(Batch x) {
        int cin = x.channels();
        int k = kh * kw * cin;
        int ho = out.height();
        int wo = out.width();
        int hi = x.height();
        int wi = x.width();
        Tensor src = x.data();
        FloatBuffer sf = src.floats();
        FloatBuffer cf = cols.floats();
        for (int s = 0; s < x.n(); s++) {
            int hv = out.height(s);
            int wv = out.width(s);
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int row = ((s * ho + oy) * wo + ox) * k;
                    if (oy >= hv || ox >= wv) {
                        cols.zero(row, row + k);
                        continue;
                    }
                    int c = row;
                    for (int dy = 0; dy < kh; dy++) {
                        int iy = oy * sy - py + dy;
                        boolean rowIn = iy >= 0 && iy < hi;
                        for (int dx = 0; dx < kw; dx++) {
                            int ix = ox * sx - px + dx;
                            if (rowIn && ix >= 0 && ix < wi) {
                                int o = ((s * hi + iy) * wi + ix) * cin;
                                if (sf != null) {
                                    if (cin >= 16) cf.put(c, sf, o, cin);
                                    else for (int ch = 0; ch < cin; ch++) cf.put(c + ch, sf.get(o + ch));
                                } else {
                                    cols.copyFrom(src, o, c, cin);
                                }
                            } else {
                                cols.zero(c, c + cin);
                            }
                            c += cin;
                        }
                    }
                }
            }
        }
    }

    private void biasActivate() {
        Tensor y = out.data();
        Tensor b = bias.value();
        FloatBuffer yf = y.floats();
        int n = out.n();
        int ho = out.height();
        int wo = out.width();
        for (int s = 0; s < n; s++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int o = out.offset(s, oy, ox);
                    if (!out.valid(s, oy, ox)) {
                        y.zero(o, o + filters);
                    } else if (yf != null && act == Nonlinearity.LEAKY) {
                        FloatBuffer bf = b.floats();
                        for (int f = 0; f < filters; f++) {
                            float v = yf.get(o + f) + bf.get(f);
                            yf.put(o + f, v > 0 ? v : (float) Nonlinearity.LEAKY_SLOPE * v);
                        }
                    } else {
                        for (int f = 0; f < filters; f++) y.set(o + f, act.apply(y.get(o + f) + b.get(f)));
                    }
                }
            }
        }
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        Tensor dz = g.data();
        Tensor y = out.data();
        Tensor db = bias.grad();
        int total = rows * filters;
        FloatBuffer df = dz.floats();
        FloatBuffer yf = y.floats();
        if (df != null && act == Nonlinearity.LEAKY) {
            float slope = (float) Nonlinearity.LEAKY_SLOPE;
            float[] acc = new float[filters];
            for (int i = 0; i < total; i += filters) {
                for (int f = 0; f < filters; f++) {
                    float d = df.get(i + f);
                    if (yf.get(i + f) <= 0) {
                        d *= slope;
                        df.put(i + f, d);
                    }
                    acc[f] += d;
                }
            }
            for (int f = 0; f < filters; f++) db.add(f, acc[f]);
        } else {
            double[] acc = new double[filters];
            for (int i = 0; i < total; i += filters) {
                for (int f = 0; f < filters; f++) {
                    double d = dz.get(i + f) * act.derivativeFromOutput(y.get(i + f));
                    dz.set(i + f, d);
                    acc[f] += d;
                }
            }
            for (int f = 0; f < filters; f++) db.add(f, acc[f]);
        }
        int k = kh * kw * inputShape.channels();
        Gemm.add(cols.matrix(rows, k), true, dz.matrix(rows, filters), false, weight.gradMatrix(k, filters));
        if (!inputGradient) return null;
        // the columns are no longer needed: their memory receives the column gradients
        Gemm.set(dz.matrix(rows, filters), false, weight.matrix(k, filters), true, cols.matrix(rows, k));
        gradIn.reshapeLike(in, in.channels());
        col2im();
        return gradIn;
    }

    private void col2im() {
        int cin = in.channels();
        int k = kh * kw * cin;
        int ho = out.height();
        int wo = out.width();
        int hi = in.height();
        int wi = in.width();
        Tensor dst = gradIn.data();
        dst.zero(0, gradIn.size());
        FloatBuffer df = dst.floats();
        FloatBuffer cf = cols.floats();
        for (int s = 0; s < in.n(); s++) {
            int hv = out.height(s);
            int wv = out.width(s);
            int hin = in.height(s);
            int win = in.width(s);
            for (int oy = 0; oy < hv; oy++) {
                for (int ox = 0; ox < wv; ox++) {
                    int c = ((s * ho + oy) * wo + ox) * k;
                    for (int dy = 0; dy < kh; dy++) {
                        int iy = oy * sy - py + dy;
                        boolean rowIn = iy >= 0 && iy < hin;
                        for (int dx = 0; dx < kw; dx++) {
                            int ix = ox * sx - px + dx;
                            // only valid input positions receive gradient: padding stays zero
                            if (rowIn && ix >= 0 && ix < win) {
                                int o = ((s * hi + iy) * wi + ix) * cin;
                                if (df != null) {
                                    for (int ch = 0; ch < cin; ch++) df.put(o + ch, df.get(o + ch) + cf.get(c + ch));
                                } else {
                                    dst.addFrom(cols, c, o, cin);
                                }
                            }
                            c += cin;
                        }
                    }
                }
            }
        }
    }

    @Override
    public Layer replica() {
        Conv2d c = new Conv2d(type, inputShape, filters, kh, kw, sy, sx, act, weight.sharing(), bias.sharing());
        c.setInputGradient(inputGradient);
        return c;
    }

    @Override
    public void releaseBuffers() {
        super.releaseBuffers();
        cols.release();
    }
}
