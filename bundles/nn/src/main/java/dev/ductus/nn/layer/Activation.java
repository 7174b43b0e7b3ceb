package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/** An element-wise nonlinearity as a layer of its own (e.g. after a normalisation). */
public final class Activation extends BaseLayer {
    private final Nonlinearity fn;

    public Activation(DataType type, Shape input, Nonlinearity fn) {
        super(type, input, input);
        this.fn = fn;
    }

    @Override
    public String spec() {
        return "act=" + fn.token();
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        out.reshapeLike(x, x.channels());
        Tensor s = x.data();
        Tensor d = out.data();
        int size = x.size();
        for (int i = 0; i < size; i++) d.set(i, fn.apply(s.get(i)));
        out.zeroPadding();
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, in.channels());
        int size = in.size();
        for (int i = 0; i < size; i++) gradIn.data().set(i, g.data().get(i) * fn.derivativeFromOutput(out.data().get(i)));
        return gradIn;
    }

    @Override
    public Layer replica() {
        Activation a = new Activation(type, inputShape, fn);
        a.setInputGradient(inputGradient);
        return a;
    }
}
