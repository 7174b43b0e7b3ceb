package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Gemm;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * 2-D convolution over NHWC maps as im2col + one GEMM: every output position becomes a row of its
 * {@code kh x kw x in} receptive field, multiplied by the [kh*kw*in, filters] weight matrix, followed by bias
 * and activation in one pass. Stride 1 pads "same" ((k-1)/2 before); a stride above 1 pads nothing, as in the
 * MDLSTM papers' subsampling convolutions.
 *
 * <p>A max pooling (stride = window) that follows directly is fused in: every activation is monotonic, so the
 * maximum of act(z + b) over a window is act(max z + b), and the bias and activation pass then runs over the
 * pooled map only, a quarter of the largest maps of a CRNN (the benchmark's biggest Java costs were these
 * passes).
 */
public final class Conv2d extends BaseLayer {
    private final int filters;
    private final ConvGeometry geometry;
    private final Nonlinearity act;
    private final Param weight;
    private final Param bias;
    private final Tensor cols;
    private final int poolH;
    private final int poolW;
    private final Batch pre;
    private int[] argmax = new int[0];
    private int rows;

    public Conv2d(DataType type, Shape input, int filters, int kh, int kw, int sy, int sx, Nonlinearity act) {
        this(type, input, filters, kh, kw, sy, sx, act, 0, 0);
    }

    /** A convolution followed by max pooling over poolH x poolW windows (stride = window); 0 = no pooling. */
    public Conv2d(DataType type, Shape input, int filters, int kh, int kw, int sy, int sx, Nonlinearity act,
                  int poolH, int poolW) {
        this(type, input, filters, new ConvGeometry(kh, kw, sy, sx), act, poolH, poolW,
                new Param("weight", type, true, kh, kw, input.channels(), filters),
                new Param("bias", type, false, filters));
    }

    private Conv2d(DataType type, Shape input, int filters, ConvGeometry g, Nonlinearity act, int poolH, int poolW,
                   Param weight, Param bias) {
        super(type, input, new Shape(input.fixedHeight() ? pooled(g.outHeight(input.height()), poolH) : Shape.VARIABLE,
                filters));
        if (filters <= 0) throw new IllegalArgumentException("a convolution needs filters, got " + filters);
        if ((poolH > 0) != (poolW > 0) || poolH < 0) throw new IllegalArgumentException("bad pooling " + poolH + "x" + poolW);
        this.filters = filters;
        this.geometry = g;
        this.act = act;
        this.weight = weight;
        this.bias = bias;
        this.cols = new Tensor(type, 1);
        this.poolH = poolH;
        this.poolW = poolW;
        this.pre = poolH > 0 ? new Batch(new Tensor(type, 1)) : null;
    }

    private static int pooled(int in, int k) {
        return k == 0 ? in : MaxPool.size(in, k, k);
    }

    @Override
    public String spec() {
        ConvGeometry g = geometry;
        return "conv=" + filters + ":" + g.kh() + "x" + g.kw() + (g.sy() == 1 && g.sx() == 1 ? "" : ":s=" + g.sy() + "x" + g.sx())
                + (act == Nonlinearity.LEAKY ? "" : ":" + act.token())
                + (poolH > 0 ? ",pool=" + poolH + "x" + poolW : "");
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    public int fanIn() {
        return geometry.kh() * geometry.kw() * inputShape.channels();
    }

    public Nonlinearity nonlinearity() {
        return act;
    }

    @Override
    public int outputWidth(int w) {
        return pooled(geometry.outWidth(w), poolW);
    }

    @Override
    public int outputHeight(int h) {
        return pooled(geometry.outHeight(h), poolH);
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
            hs[s] = geometry.outHeight(x.height(s));
            ws[s] = geometry.outWidth(x.width(s));
        }
        Batch conv = poolH > 0 ? pre : out;
        conv.reshape(n, geometry.outHeight(x.height()), geometry.outWidth(x.width()), filters, hs, ws);
        int k = fanIn();
        rows = conv.positions();
        cols.ensure(rows * k);
        Im2col.columns(x, conv, cols, geometry);
        Gemm.set(cols.matrix(rows, k), false, weight.matrix(k, filters), false, conv.data().matrix(rows, filters));
        if (poolH == 0) {
            ConvActivation.biasActivate(out, bias.value(), act);
            return out;
        }
        for (int s = 0; s < n; s++) {
            hs[s] = MaxPool.size(hs[s], poolH, poolH);
            ws[s] = MaxPool.size(ws[s], poolW, poolW);
        }
        out.reshape(n, MaxPool.size(conv.height(), poolH, poolH), MaxPool.size(conv.width(), poolW, poolW), filters, hs, ws);
        if (argmax.length < out.size()) argmax = new int[out.size() + out.size() / 4];
        ConvActivation.poolActivate(pre, out, argmax, poolH, poolW, bias.value(), act);
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        Tensor dz;
        if (poolH > 0) {
            // the pre-activation map is no longer needed: its memory receives dz
            ConvActivation.unpool(g, out, pre, argmax, act, bias.grad());
            dz = pre.data();
        } else {
            ConvActivation.activationGradient(g, out, act, bias.grad());
            dz = g.data();
        }
        int k = fanIn();
        Gemm.add(cols.matrix(rows, k), true, dz.matrix(rows, filters), false, weight.gradMatrix(k, filters));
        if (!inputGradient) return null;
        // the columns are no longer needed either: their memory receives the column gradients
        Gemm.set(dz.matrix(rows, filters), false, weight.matrix(k, filters), true, cols.matrix(rows, k));
        gradIn.reshapeLike(in, in.channels());
        Im2col.accumulate(cols, poolH > 0 ? pre : out, in, gradIn, geometry);
        return gradIn;
    }

    @Override
    public Layer replica() {
        Conv2d c = new Conv2d(type, inputShape, filters, geometry, act, poolH, poolW, weight.sharing(), bias.sharing());
        c.setInputGradient(inputGradient);
        return c;
    }

    @Override
    public void releaseBuffers() {
        super.releaseBuffers();
        cols.release();
        if (pre != null) pre.data().release();
    }
}
