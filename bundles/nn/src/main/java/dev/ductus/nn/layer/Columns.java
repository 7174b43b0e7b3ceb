package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a map of fixed height into a sequence by concatenating each column's rows (the CRNN reshape):
 * [N, H, W, C] to [N, 1, W, H*C], feature (y, c) at y*C + c.
 */
public final class Columns extends BaseLayer {
    private final int rowsPerColumn;

    public Columns(DataType type, Shape input) {
        super(type, input, new Shape(1, checked(input) * input.channels()));
        this.rowsPerColumn = input.height();
    }

    private static int checked(Shape input) {
        if (!input.fixedHeight()) {
            throw new IllegalArgumentException("columns needs a fixed height (use collapse for variable heights)");
        }
        return input.height();
    }

    @Override
    public String spec() {
        return "columns";
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
        int w = x.width();
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        out.reshape(n, 1, w, rowsPerColumn * c, ones, x.widths());
        for (int s = 0; s < n; s++) {
            for (int y = 0; y < rowsPerColumn; y++) {
                for (int xx = 0; xx < w; xx++) {
                    out.data().copyFrom(x.data(), x.offset(s, y, xx), out.offset(s, 0, xx) + y * c, c);
                }
            }
        }
        // rows below a shorter sample's height are zero already, columns beyond its width too
        return out;
    }

    @Override
    public Batch backward(Batch g) {
        checkBackward(g);
        if (!inputGradient) return null;
        int c = in.channels();
        int w = in.width();
        gradIn.reshapeLike(in, c);
        for (int s = 0; s < in.n(); s++) {
            for (int y = 0; y < rowsPerColumn; y++) {
                for (int xx = 0; xx < w; xx++) {
                    gradIn.data().copyFrom(g.data(), out.offset(s, 0, xx) + y * c, in.offset(s, y, xx), c);
                }
            }
        }
        gradIn.zeroPadding();
        return gradIn;
    }

    @Override
    public Layer replica() {
        Columns l = new Columns(type, inputShape);
        l.setInputGradient(inputGradient);
        return l;
    }
}
