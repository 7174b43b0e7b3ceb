package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Parallel;
import dev.ductus.nn.tensor.Tensor;

/**
 * The im2col rearrangement (each output position's receptive field as one row of [kh*kw*in]) and its adjoint
 * col2im (adding column gradients back onto the input). Float batches are staged through Java arrays a row
 * or a sample at a time: element access to direct buffers costs a bounds and scope check each time, a bulk
 * copy does not. Double batches (gradient checks) take the plain path.
 */
final class Im2col {
    private Im2col() {
    }

    /** Fills cols ([conv positions, kh*kw*in]) from x; rows of invalid output positions are zero. */
    static void columns(Batch x, Batch conv, Tensor cols, ConvGeometry g) {
        int ho = conv.height();
        Parallel.range(x.n() * ho, Math.max(1, 4096 / Math.max(1, conv.width())), (from, to) -> {
            if (cols.floats() != null) {
                int cin = x.channels();
                float[] rows = new float[g.kh() * x.width() * cin];
                float[] out = new float[conv.width() * g.kh() * g.kw() * cin];
                for (int r = from; r < to; r++) rowFloat(x, conv, cols, g, r / ho, r % ho, rows, out);
            } else {
                for (int r = from; r < to; r++) rowGeneric(x, conv, cols, g, r / ho, r % ho);
            }
        });
    }

    private static void rowFloat(Batch x, Batch conv, Tensor cols, ConvGeometry g, int s, int oy, float[] rows,
                                 float[] out) {
        int cin = x.channels();
        int kh = g.kh();
        int kw = g.kw();
        int k = kh * kw * cin;
        int wi = x.width();
        int wo = conv.width();
        int hv = conv.height(s);
        int wv = conv.width(s);
        int rowLen = wi * cin;
        int base = (s * conv.height() + oy) * wo * k;
        if (oy >= hv) {
            java.util.Arrays.fill(out, 0, wo * k, 0f);
            cols.write(base, out, 0, wo * k);
            return;
        }
        for (int dy = 0; dy < kh; dy++) {
            int iy = oy * g.sy() - g.py() + dy;
            if (iy >= 0 && iy < x.height()) x.data().read(x.offset(s, iy, 0), rows, dy * rowLen, rowLen);
            else java.util.Arrays.fill(rows, dy * rowLen, (dy + 1) * rowLen, 0f);
        }
        int px = g.px();
        for (int ox = 0; ox < wo; ox++) {
            int c = ox * k;
            if (ox >= wv) {
                java.util.Arrays.fill(out, c, c + k, 0f);
                continue;
            }
            int ix0 = ox * g.sx() - px;
            for (int dy = 0; dy < kh; dy++) {
                int r = dy * rowLen;
                if (ix0 >= 0 && ix0 + kw <= wi) {
                    // the kernel row lies inside: kw * cin contiguous values (NHWC)
                    System.arraycopy(rows, r + ix0 * cin, out, c, kw * cin);
                    c += kw * cin;
                } else {
                    for (int dx = 0; dx < kw; dx++) {
                        int ix = ix0 + dx;
                        if (ix >= 0 && ix < wi) System.arraycopy(rows, r + ix * cin, out, c, cin);
                        else java.util.Arrays.fill(out, c, c + cin, 0f);
                        c += cin;
                    }
                }
            }
        }
        cols.write(base, out, 0, wo * k);
    }

    private static void rowGeneric(Batch x, Batch conv, Tensor cols, ConvGeometry g, int s, int oy) {
        int cin = x.channels();
        int k = g.kh() * g.kw() * cin;
        int wo = conv.width();
        for (int ox = 0; ox < wo; ox++) {
            int c = ((s * conv.height() + oy) * wo + ox) * k;
            if (oy >= conv.height(s) || ox >= conv.width(s)) {
                cols.zero(c, c + k);
                continue;
            }
            for (int dy = 0; dy < g.kh(); dy++) {
                int iy = oy * g.sy() - g.py() + dy;
                for (int dx = 0; dx < g.kw(); dx++) {
                    int ix = ox * g.sx() - g.px() + dx;
                    if (iy >= 0 && iy < x.height() && ix >= 0 && ix < x.width()) cols.copyFrom(x.data(), x.offset(s, iy, ix), c, cin);
                    else cols.zero(c, c + cin);
                    c += cin;
                }
            }
        }
    }

    /**
     * gradIn = col2im(cols): each column gradient added onto the input position it came from; only valid
     * input positions receive anything (padding stays zero). gradIn must be shaped like the input.
     */
    static void accumulate(Tensor cols, Batch conv, Batch in, Batch gradIn, ConvGeometry g) {
        Parallel.range(in.n(), 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                if (cols.floats() != null) sampleFloat(cols, conv, in, gradIn, g, s);
                else sampleGeneric(cols, conv, in, gradIn, g, s);
            }
        });
    }

    private static void sampleFloat(Tensor cols, Batch conv, Batch in, Batch gradIn, ConvGeometry g, int s) {
        int cin = in.channels();
        int kh = g.kh();
        int kw = g.kw();
        int k = kh * kw * cin;
        int wi = in.width();
        int hin = in.height(s);
        int win = in.width(s);
        int hv = conv.height(s);
        int wv = conv.width(s);
        float[] acc = new float[in.height() * wi * cin];
        float[] row = new float[wv * k];
        for (int oy = 0; oy < hv; oy++) {
            cols.read(((s * conv.height() + oy) * conv.width()) * k, row, 0, wv * k);
            for (int ox = 0; ox < wv; ox++) {
                int c = ox * k;
                for (int dy = 0; dy < kh; dy++) {
                    int iy = oy * g.sy() - g.py() + dy;
                    if (iy < 0 || iy >= hin) {
                        c += kw * cin;
                        continue;
                    }
                    for (int dx = 0; dx < kw; dx++) {
                        int ix = ox * g.sx() - g.px() + dx;
                        if (ix >= 0 && ix < win) {
                            int o = (iy * wi + ix) * cin;
                            for (int ch = 0; ch < cin; ch++) acc[o + ch] += row[c + ch];
                        }
                        c += cin;
                    }
                }
            }
        }
        gradIn.data().write(in.offset(s, 0, 0), acc, 0, acc.length);
    }

    private static void sampleGeneric(Tensor cols, Batch conv, Batch in, Batch gradIn, ConvGeometry g, int s) {
        int cin = in.channels();
        int k = g.kh() * g.kw() * cin;
        Tensor dst = gradIn.data();
        int sampleSize = in.height() * in.width() * cin;
        dst.zero(s * sampleSize, (s + 1) * sampleSize);
        for (int oy = 0; oy < conv.height(s); oy++) {
            for (int ox = 0; ox < conv.width(s); ox++) {
                int c = ((s * conv.height() + oy) * conv.width() + ox) * k;
                for (int dy = 0; dy < g.kh(); dy++) {
                    int iy = oy * g.sy() - g.py() + dy;
                    for (int dx = 0; dx < g.kw(); dx++) {
                        int ix = ox * g.sx() - g.px() + dx;
                        if (iy >= 0 && iy < in.height(s) && ix >= 0 && ix < in.width(s)) {
                            dst.addFrom(cols, c, in.offset(s, iy, ix), cin);
                        }
                        c += cin;
                    }
                }
            }
        }
    }
}
