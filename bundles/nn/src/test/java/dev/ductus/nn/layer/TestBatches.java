package dev.ductus.nn.layer;

import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/** Random batches with per-sample sizes (padding zeroed) for layer tests. */
public final class TestBatches {
    private TestBatches() {
    }

    public static Batch random(DataType type, int[] heights, int[] widths, int channels, long seed) {
        int n = heights.length;
        int h = 0;
        int w = 0;
        for (int i = 0; i < n; i++) {
            h = Math.max(h, heights[i]);
            w = Math.max(w, widths[i]);
        }
        Batch b = new Batch(new Tensor(type, 1)).reshape(n, h, w, channels, heights, widths);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < b.size(); i++) b.data().set(i, rnd.nextDouble(-1, 1));
        b.zeroPadding();
        return b;
    }

    /** A single sample copied out of a batch, with its own size. */
    public static Batch sample(Batch b, int s) {
        int h = b.height(s);
        int w = b.width(s);
        Batch one = new Batch(new Tensor(b.data().type(), 1)).reshape(1, h, w, b.channels(), new int[] {h}, new int[] {w});
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < b.channels(); c++) one.set(0, y, x, c, b.get(s, y, x, c));
            }
        }
        return one;
    }
}
