package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Context window over a sequence: each frame becomes the concatenation of frames t-K .. t+K (zeros beyond the
 * sample's ends), the input of an MLP frame classifier in a hybrid HMM system.
 */
public final class FrameWindow extends BaseLayer {
    private final int radius;

    public FrameWindow(DataType type, Shape input, int radius) {
        super(type, input, new Shape(1, input.channels() * (2 * radius + 1)));
        if (radius < 0) throw new IllegalArgumentException("window radius must be >= 0, got " + radius);
        if (input.fixedHeight() && input.height() != 1) throw new IllegalArgumentException("a frame window reads sequences (height 1)");
        this.radius = radius;
    }

    @Override
    public String spec() {
        return "window=" + radius;
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        if (x.height() != 1) throw new IllegalArgumentException(spec() + ": input must have height 1, got " + x.height());
        in = x;
        int c = x.channels();
        int span = 2 * radius + 1;
        out.reshapeLike(x, c * span);
        Tensor dst = out.data();
        for (int s = 0; s < x.n(); s++) {
            int len = x.width(s);
            for (int t = 0; t < x.width(); t++) {
                int o = out.offset(s, 0, t);
                for (int d = -radius; d <= radius; d++) {
                    int u = t + d;
                    int at = o + (d + radius) * c;
                    if (t < len && u >= 0 && u < len) dst.copyFrom(x.data(), x.offset(s, 0, u), at, c);
                    else dst.zero(at, at + c);
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
            int len = in.width(s);
            for (int t = 0; t < len; t++) {
                int o = out.offset(s, 0, t);
                for (int d = -radius; d <= radius; d++) {
                    int u = t + d;
                    if (u >= 0 && u < len) gradIn.data().addFrom(g.data(), o + (d + radius) * c, in.offset(s, 0, u), c);
                }
            }
        }
        return gradIn;
    }

    @Override
    public Layer replica() {
        FrameWindow w = new FrameWindow(type, inputShape, radius);
        w.setInputGradient(inputGradient);
        return w;
    }
}
