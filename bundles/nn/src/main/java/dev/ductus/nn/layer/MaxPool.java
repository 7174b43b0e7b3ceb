package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
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
        Tensor src = x.data();
        Tensor dst = out.data();
        FloatBuffer sf = src.floats();
        FloatBuffer df = dst.floats();
        int ho = out.height();
        int wo = out.width();
        for (int s = 0; s < n; s++) {
            int hin = x.height(s);
            int win = x.width(s);
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int o = out.offset(s, oy, ox);
                    if (!out.valid(s, oy, ox)) {
                        dst.zero(o, o + c);
                        for (int ch = 0; ch < c; ch++) argmax[o + ch] = -1;
                        continue;
                    }
                    int y1 = Math.min(oy * sy + kh, hin);
                    int x1 = Math.min(ox * sx + kw, win);
                    int first = x.offset(s, oy * sy, ox * sx);
                    if (df != null) {
                        for (int ch = 0; ch < c; ch++) {
                            argmax[o + ch] = first + ch;
                            df.put(o + ch, sf.get(first + ch));
                        }
                        for (int iy = oy * sy; iy < y1; iy++) {
                            for (int ix = ox * sx; ix < x1; ix++) {
                                int i = x.offset(s, iy, ix);
                                for (int ch = 0; ch < c; ch++) {
                                    float v = sf.get(i + ch);
                                    if (v > df.get(o + ch)) {
                                        df.put(o + ch, v);
                                        argmax[o + ch] = i + ch;
                                    }
                                }
                            }
                        }
                    } else {
                        for (int ch = 0; ch < c; ch++) {
                            argmax[o + ch] = first + ch;
                            dst.set(o + ch, src.get(first + ch));
                        }
                        for (int iy = oy * sy; iy < y1; iy++) {
                            for (int ix = ox * sx; ix < x1; ix++) {
                                int i = x.offset(s, iy, ix);
                                for (int ch = 0; ch < c; ch++) {
                                    double v = src.get(i + ch);
                                    if (v > dst.get(o + ch)) {
                                        dst.set(o + ch, v);
                                        argmax[o + ch] = i + ch;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, in.channels());
        Tensor d = gradIn.data();
        d.zero(0, gradIn.size());
        Tensor gd = g.data();
        int size = out.size();
        for (int o = 0; o < size; o++) {
            int i = argmax[o];
            if (i >= 0) d.add(i, gd.get(o));
        }
        return gradIn;
    }

    @Override
    public Layer replica() {
        MaxPool p = new MaxPool(type, inputShape, kh, kw, sy, sx);
        p.setInputGradient(inputGradient);
        return p;
    }
}
