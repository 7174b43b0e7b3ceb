package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a 2-D map into a sequence by summing each column over its valid rows (the MDLSTM papers' collapse
 * layer): [N, H, W, C] to [N, 1, W, C], for images of any height.
 */
public final class Collapse extends BaseLayer {
    public Collapse(DataType type, Shape input) {
        super(type, input, new Shape(1, input.channels()));
    }

    @Override
    public String spec() {
        return "collapse";
    }

    @Override
    public int outputHeight(int h) {
        return 1;
    }

    @Override
    public Batch forward(Batch x, boolean training) {
        checkInput(x);
        in = x;
        int n = x.n();
        int c = x.channels();
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        out.reshape(n, 1, x.width(), c, ones, x.widths());
        out.zero();
        Tensor dst = out.data();
        for (int s = 0; s < n; s++) {
            for (int y = 0; y < x.height(s); y++) {
                for (int xx = 0; xx < x.width(s); xx++) dst.addFrom(x.data(), x.offset(s, y, xx), out.offset(s, 0, xx), c);
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
                for (int xx = 0; xx < in.width(s); xx++) {
                    gradIn.data().copyFrom(g.data(), out.offset(s, 0, xx), in.offset(s, y, xx), c);
                }
            }
        }
        return gradIn;
    }

    @Override
    public Layer replica() {
        Collapse l = new Collapse(type, inputShape);
        l.setInputGradient(inputGradient);
        return l;
    }
}
