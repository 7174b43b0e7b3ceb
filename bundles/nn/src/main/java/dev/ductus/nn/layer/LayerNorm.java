package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Layer normalisation over the channels of each position, with a learned gain and bias. Chosen over batch
 * normalisation because it needs no running statistics and treats padded (masked) positions and batches of
 * one exactly like any other (batchNorm's gradient is also broken in ND4J M2.1, see FINDINGS).
 */
public final class LayerNorm extends BaseLayer {
    private static final double EPS = 1e-5;
    private final Param gain;
    private final Param bias;
    private double[] invStd = new double[0];
    private double[] means = new double[0];

    public LayerNorm(DataType type, Shape input) {
        this(type, input, new Param("gain", type, false, input.channels()), new Param("bias", type, false, input.channels()));
        Initialization.constant(gain, 1);
    }

    private LayerNorm(DataType type, Shape input, Param gain, Param bias) {
        super(type, input, input);
        this.gain = gain;
        this.bias = bias;
    }

    @Override
    public String spec() {
        return "norm";
    }

    @Override
    public List<Param> params() {
        return List.of(gain, bias);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int c = x.channels();
        int p = x.positions();
        out.reshapeLike(x, c);
        if (invStd.length < p) {
            invStd = new double[p + p / 4];
            means = new double[p + p / 4];
        }
        Tensor src = x.data();
        Tensor dst = out.data();
        for (int s = 0; s < x.n(); s++) {
            for (int y = 0; y < x.height(); y++) {
                for (int xx = 0; xx < x.width(); xx++) {
                    int pos = (s * x.height() + y) * x.width() + xx;
                    int o = pos * c;
                    if (!x.valid(s, y, xx)) {
                        dst.zero(o, o + c);
                        continue;
                    }
                    double mean = 0;
                    for (int k = 0; k < c; k++) mean += src.get(o + k);
                    mean /= c;
                    double var = 0;
                    for (int k = 0; k < c; k++) {
                        double d = src.get(o + k) - mean;
                        var += d * d;
                    }
                    double inv = 1 / Math.sqrt(var / c + EPS);
                    invStd[pos] = inv;
                    means[pos] = mean;
                    for (int k = 0; k < c; k++) {
                        double xhat = (src.get(o + k) - mean) * inv;
                        dst.set(o + k, xhat * gain.value().get(k) + bias.value().get(k));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        int c = in.channels();
        if (inputGradient) gradIn.reshapeLike(in, c);
        Tensor gd = g.data();
        double[] xhat = new double[c];
        double[] dxhat = new double[c];
        for (int s = 0; s < in.n(); s++) {
            for (int y = 0; y < in.height(); y++) {
                for (int xx = 0; xx < in.width(); xx++) {
                    int pos = (s * in.height() + y) * in.width() + xx;
                    int o = pos * c;
                    if (!in.valid(s, y, xx)) {
                        if (inputGradient) gradIn.data().zero(o, o + c);
                        continue;
                    }
                    double inv = invStd[pos];
                    double sumD = 0;
                    double sumDX = 0;
                    for (int k = 0; k < c; k++) {
                        double gamma = gain.value().get(k);
                        xhat[k] = (in.data().get(o + k) - means[pos]) * inv;
                        double d = gd.get(o + k);
                        gain.grad().add(k, d * xhat[k]);
                        bias.grad().add(k, d);
                        dxhat[k] = d * gamma;
                        sumD += dxhat[k];
                        sumDX += dxhat[k] * xhat[k];
                    }
                    if (!inputGradient) continue;
                    for (int k = 0; k < c; k++) {
                        gradIn.data().set(o + k, inv * (dxhat[k] - sumD / c - xhat[k] * sumDX / c));
                    }
                }
            }
        }
        return inputGradient ? gradIn : null;
    }

    @Override
    public Layer replica() {
        LayerNorm l = new LayerNorm(type, inputShape, gain.sharing(), bias.sharing());
        l.setInputGradient(inputGradient);
        return l;
    }
}
