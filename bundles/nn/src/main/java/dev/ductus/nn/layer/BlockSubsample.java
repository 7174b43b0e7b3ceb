package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Subsampling in blocks (the MDLSTM papers' input layer): each {@code bh x bw} block of positions becomes one
 * position with the block's values as channels ((dy * bw + dx) * C + c); sizes round up, missing positions
 * read as zero.
 */
public final class BlockSubsample extends BaseLayer {
    private final int bh;
    private final int bw;

    public BlockSubsample(DataType type, Shape input, int bh, int bw) {
        super(type, input, new Shape(input.fixedHeight() ? (input.height() + bh - 1) / bh : Shape.VARIABLE,
                input.channels() * bh * bw));
        if (bh <= 0 || bw <= 0) throw new IllegalArgumentException("bad block " + bh + "x" + bw);
        this.bh = bh;
        this.bw = bw;
    }

    @Override
    public String spec() {
        return "block=" + bh + "x" + bw;
    }

    @Override
    public int outputHeight(int h) {
        return (h + bh - 1) / bh;
    }

    @Override
    public int outputWidth(int w) {
        return (w + bw - 1) / bw;
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
        out.reshape(n, outputHeight(x.height()), outputWidth(x.width()), c * bh * bw, hs, ws);
        Tensor dst = out.data();
        for (int s = 0; s < n; s++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    int o = out.offset(s, oy, ox);
                    for (int dy = 0; dy < bh; dy++) {
                        for (int dx = 0; dx < bw; dx++) {
                            int y = oy * bh + dy;
                            int xx = ox * bw + dx;
                            int at = o + (dy * bw + dx) * c;
                            if (y < x.height(s) && xx < x.width(s)) dst.copyFrom(x.data(), x.offset(s, y, xx), at, c);
                            else dst.zero(at, at + c);
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
        int c = in.channels();
        gradIn.reshapeLike(in, c);
        gradIn.zero();
        for (int s = 0; s < in.n(); s++) {
            for (int y = 0; y < in.height(s); y++) {
                for (int x = 0; x < in.width(s); x++) {
                    int o = out.offset(s, y / bh, x / bw) + ((y % bh) * bw + x % bw) * c;
                    gradIn.data().copyFrom(g.data(), o, in.offset(s, y, x), c);
                }
            }
        }
        return gradIn;
    }

    @Override
    public Layer replica() {
        BlockSubsample b = new BlockSubsample(type, inputShape, bh, bw);
        b.setInputGradient(inputGradient);
        return b;
    }
}
