package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Log-softmax over the channels of every position (log-posteriors of the classes). Training fuses it into
 * the loss (CTC, cross-entropy); as a layer it serves inference and networks that need it inside.
 */
public final class LogSoftmax extends BaseLayer {
    public LogSoftmax(DataType type, Shape input) {
        super(type, input, input);
    }

    @Override
    public String spec() {
        return "logsoftmax";
    }

    /** In-place log-softmax of {@code c} values at offset o. */
    public static void apply(Tensor t, int o, int c) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) max = Math.max(max, t.get(o + k));
        double sum = 0;
        for (int k = 0; k < c; k++) sum += Math.exp(t.get(o + k) - max);
        double lse = max + Math.log(sum);
        for (int k = 0; k < c; k++) t.set(o + k, t.get(o + k) - lse);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int c = x.channels();
        out.reshapeLike(x, c);
        out.data().copyFrom(x.data(), 0, 0, x.size());
        for (int p = 0; p < x.positions(); p++) apply(out.data(), p * c, c);
        out.zeroPadding();
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        if (!inputGradient) return null;
        int c = in.channels();
        gradIn.reshapeLike(in, c);
        Tensor y = out.data();
        Tensor gd = g.data();
        for (int s = 0; s < in.n(); s++) {
            for (int yy = 0; yy < in.height(); yy++) {
                for (int xx = 0; xx < in.width(); xx++) {
                    int o = in.offset(s, yy, xx);
                    if (!in.valid(s, yy, xx)) {
                        gradIn.data().zero(o, o + c);
                        continue;
                    }
                    double sum = 0;
                    for (int k = 0; k < c; k++) sum += gd.get(o + k);
                    for (int k = 0; k < c; k++) gradIn.data().set(o + k, gd.get(o + k) - Math.exp(y.get(o + k)) * sum);
                }
            }
        }
        return gradIn;
    }

    @Override
    public Layer replica() {
        LogSoftmax l = new LogSoftmax(type, inputShape);
        l.setInputGradient(inputGradient);
        return l;
    }
}
