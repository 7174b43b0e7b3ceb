package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Inverted dropout: in training each value is kept with probability 1 - p and scaled by 1 / (1 - p), so
 * inference is the identity. {@link #freezeMask} reuses the last mask (for gradient checks).
 */
public final class Dropout extends BaseLayer {
    private final double rate;
    private final Tensor mask;
    private SplittableRandom random;
    private boolean frozen;
    private boolean masked;

    public Dropout(DataType type, Shape input, double rate, long seed) {
        super(type, input, input);
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        this.rate = rate;
        this.mask = new Tensor(type, 1);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String spec() {
        return "dropout=" + rate;
    }

    public void freezeMask(boolean on) {
        frozen = on;
    }

    public void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        out.reshapeLike(x, x.channels());
        int size = x.size();
        masked = training && rate > 0;
        if (!masked) {
            out.data().copyFrom(x.data(), 0, 0, size);
            return out;
        }
        if (!frozen || mask.capacity() < size) {
            mask.ensure(size);
            double keep = 1 / (1 - rate);
            for (int i = 0; i < size; i++) mask.set(i, random.nextDouble() < rate ? 0 : keep);
        }
        Tensor src = x.data();
        Tensor dst = out.data();
        for (int i = 0; i < size; i++) dst.set(i, src.get(i) * mask.get(i));
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        if (!inputGradient) return null;
        gradIn.reshapeLike(in, in.channels());
        int size = in.size();
        if (!masked) {
            gradIn.data().copyFrom(g.data(), 0, 0, size);
        } else {
            for (int i = 0; i < size; i++) gradIn.data().set(i, g.data().get(i) * mask.get(i));
        }
        return gradIn;
    }

    @Override
    public Layer replica() {
        Dropout d = new Dropout(type, inputShape, rate, random.nextLong());
        d.setInputGradient(inputGradient);
        return d;
    }

    @Override
    public void releaseBuffers() {
        super.releaseBuffers();
        mask.release();
    }
}
