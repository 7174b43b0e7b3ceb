package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Gemm;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A fully connected layer applied at every position (a 1x1 convolution): y = act(x W + b), with W of shape
 * [in, out]. On sequences it is the per-frame output layer; on frame windows, an MLP layer.
 */
public final class Dense extends BaseLayer {
    private final int units;
    private final Nonlinearity act;
    private final Param weight;
    private final Param bias;

    public Dense(DataType type, Shape input, int units, Nonlinearity act) {
        this(type, input, units, act, new Param("weight", type, true, input.channels(), units),
                new Param("bias", type, false, units));
    }

    private Dense(DataType type, Shape input, int units, Nonlinearity act, Param weight, Param bias) {
        super(type, input, new Shape(input.height(), units));
        this.units = units;
        this.act = act;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public String spec() {
        return "dense=" + units + (act == Nonlinearity.NONE ? "" : ":" + act.token());
    }

    public Nonlinearity nonlinearity() {
        return act;
    }

    public Param weight() {
        return weight;
    }

    public Param bias() {
        return bias;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int p = x.positions();
        int cin = inputShape.channels();
        out.reshapeLike(x, units);
        Gemm.set(x.data().matrix(p, cin), false, weight.matrix(cin, units), false, out.data().matrix(p, units));
        Tensor y = out.data();
        Tensor b = bias.value();
        for (int i = 0; i < p; i++) {
            int o = i * units;
            for (int j = 0; j < units; j++) y.set(o + j, act.apply(y.get(o + j) + b.get(j)));
        }
        out.zeroPadding();
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        int p = in.positions();
        int cin = inputShape.channels();
        Tensor dz = g.data();
        Tensor y = out.data();
        Tensor db = bias.grad();
        for (int i = 0; i < p; i++) {
            int o = i * units;
            for (int j = 0; j < units; j++) {
                double d = dz.get(o + j);
                if (act != Nonlinearity.NONE) {
                    d *= act.derivativeFromOutput(y.get(o + j));
                    dz.set(o + j, d);
                }
                db.add(j, d);
            }
        }
        // padded positions carry a zero gradient, so they add nothing to the products below
        Gemm.add(in.data().matrix(p, cin), true, dz.matrix(p, units), false, weight.gradMatrix(cin, units));
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, cin);
        Gemm.set(dz.matrix(p, units), false, weight.matrix(cin, units), true, gradIn.data().matrix(p, cin));
        return gradIn;
    }

    @Override
    public Layer replica() {
        Dense d = new Dense(type, inputShape, units, act, weight.sharing(), bias.sharing());
        d.setInputGradient(inputGradient);
        return d;
    }
}
