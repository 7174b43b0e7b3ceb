package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Max pooling over {@code kh x kw} windows with stride {@code sy x sx} (the window size by default). Each
 * output remembers where its maximum came from, and backward routes the gradient there. A sample smaller
 * than the window still gives one output (the maximum over what it has).
 */
public final class MaxPool extends BaseLayer {
    private final int kh;
    private final int kw;
    private final int sy;
    private final int sx;
    private int[] argmax = new int[0];

    public MaxPool(DataType type, Shape input, int kh, int kw, int sy, int sx) {
        super(type, input, new Shape(input.fixedHeight() ? size(input.height(), kh, sy) : Shape.VARIABLE,
                input.channels()));
        if (kh <= 0 || kw <= 0 || sy <= 0 || sx <= 0) throw new IllegalArgumentException("bad pooling " + kh + "x" + kw);
        this.kh = kh;
        this.kw = kw;
        this.sy = sy;
        this.sx = sx;
    }

    static int size(int in, int k, int s) {
        return Math.max(1, (in - k) / s + 1);
    }

    @Override
    public String spec() {
        return "pool=" + kh + "x" + kw + (sy == kh && sx == kw ? "" : ":s=" + sy + "x" + sx);
    }

    @Override
    public int outputWidth(int w) {
        return size(w, kw, sx);
    }

    @Override
    public int outputHeight(int h) {
        return size(h, kh, sy);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int n = x.n();
        int c = x.channels();
        int[] hs = new int[n];
        int[] ws = new int[n];
        for (int s = 0; s < n; s++) {
            hs[s] = outputHeight(x.height(s));
            ws[s] = outputWidth(x.width(s));
        }
        out.reshape(n, outputHeight(x.height()), outputWidth(x.width()), c, hs, ws);
        if (argmax.length < out.size()) argmax = new int[out.size() + out.size() / 4];
        int ho = out.height();
        Parallel.range(n * ho, Math.max(1, 2048 / Math.max(1, out.width() * c)), (from, to) -> {
            for (int r = from; r < to; r++) poolRow(x, r / ho, r % ho);
        });
        return out;
    }

    private void poolRow(Batch x, int s, int oy) {
        int c = x.channels();
        Tensor src = x.data();
        Tensor dst = out.data();
        FloatBuffer sf = src.floats();
        FloatBuffer df = dst.floats();
        int wo = out.width();
        int hin = x.height(s);
        int win = x.width(s);
        int[] am = argmax;
        for (int ox = 0; ox < wo; ox++) {
            int o = out.offset(s, oy, ox);
            if (!out.valid(s, oy, ox)) {
                dst.zero(o, o + c);
                for (int ch = 0; ch < c; ch++) am[o + ch] = -1;
                continue;
            }
            int y1 = Math.min(oy * sy + kh, hin);
            int x1 = Math.min(ox * sx + kw, win);
            int first = x.offset(s, oy * sy, ox * sx);
            if (df != null) {
                for (int ch = 0; ch < c; ch++) {
                    am[o + ch] = first + ch;
                    df.put(o + ch, sf.get(first + ch));
                }
                for (int iy = oy * sy; iy < y1; iy++) {
                    for (int ix = ox * sx; ix < x1; ix++) {
                        int i = x.offset(s, iy, ix);
                        for (int ch = 0; ch < c; ch++) {
                            float v = sf.get(i + ch);
                            if (v > df.get(o + ch)) {
                                df.put(o + ch, v);
                                am[o + ch] = i + ch;
                            }
                        }
                    }
                }
            } else {
                for (int ch = 0; ch < c; ch++) {
                    am[o + ch] = first + ch;
                    dst.set(o + ch, src.get(first + ch));
                }
                for (int iy = oy * sy; iy < y1; iy++) {
                    for (int ix = ox * sx; ix < x1; ix++) {
                        int i = x.offset(s, iy, ix);
                        for (int ch = 0; ch < c; ch++) {
                            double v = src.get(i + ch);
                            if (v > dst.get(o + ch)) {
                                dst.set(o + ch, v);
                                am[o + ch] = i + ch;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, in.channels());
        Tensor d = gradIn.data();
        Tensor gd = g.data();
        int inSample = in.height() * in.width() * in.channels();
        int outSample = out.height() * out.width() * out.channels();
        // every output's maximum lies in its own sample, so samples are independent
        Parallel.range(in.n(), 1, (from, to) -> {
            d.zero(from * inSample, to * inSample);
            FloatBuffer df = d.floats();
            FloatBuffer gf = gd.floats();
            for (int o = from * outSample; o < to * outSample; o++) {
                int i = argmax[o];
                if (i < 0) continue;
                if (df != null) df.put(i, df.get(i) + gf.get(o));
                else d.add(i, gd.get(o));
            }
        });
        return gradIn;
    }

    @Override
    public Layer replica() {
        MaxPool p = new MaxPool(type, inputShape, kh, kw, sy, sx);
        p.setInputGradient(inputGradient);
        return p;
    }
}
