package dev.ductus.nn.tensor;

import java.util.Arrays;

/**
 * N feature maps of {@code height x width x channels} (row-major NHWC in {@link #data}), padded to the
 * largest sample, with each sample's valid height and width. A sequence is a map of height 1 (width = frames).
 * Invariant kept by every layer: values at padded positions are zero, so a sample computes the same in a
 * batch as alone.
 */
public final class Batch {
    private final Tensor data;
    private int n;
    private int height;
    private int width;
    private int channels;
    private int[] heights = new int[0];
    private int[] widths = new int[0];

    public Batch(Tensor data) {
        this.data = data;
    }

    /** Shapes this batch (growing the tensor when needed); contents are undefined until written. */
    public Batch reshape(int n, int height, int width, int channels, int[] heights, int[] widths) {
        if (heights.length != n || widths.length != n) {
            throw new IllegalArgumentException("need " + n + " heights and widths");
        }
        long size = (long) n * height * width * channels;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("batch too large: " + size);
        data.ensure((int) size);
        this.n = n;
        this.height = height;
        this.width = width;
        this.channels = channels;
        if (this.heights.length != n) {
            this.heights = new int[n];
            this.widths = new int[n];
        }
        System.arraycopy(heights, 0, this.heights, 0, n);
        System.arraycopy(widths, 0, this.widths, 0, n);
        return this;
    }

    /** Same sample sizes as another batch, other channel count. */
    public Batch reshapeLike(Batch o, int channels) {
        return reshape(o.n, o.height, o.width, channels, o.heights, o.widths);
    }

    public Tensor data() {
        return data;
    }

    public int n() {
        return n;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    public int height(int sample) {
        return heights[sample];
    }

    public int width(int sample) {
        return widths[sample];
    }

    public int[] heights() {
        return heights;
    }

    public int[] widths() {
        return widths;
    }

    /** Number of positions (n x height x width), i.e. rows of the position-by-channel matrix. */
    public int positions() {
        return n * height * width;
    }

    public int size() {
        return n * height * width * channels;
    }

    /** Element offset of (sample, y, x, channel 0). */
    public int offset(int sample, int y, int x) {
        return ((sample * height + y) * width + x) * channels;
    }

    public boolean valid(int sample, int y, int x) {
        return y < heights[sample] && x < widths[sample];
    }

    public double get(int sample, int y, int x, int c) {
        return data.get(offset(sample, y, x) + c);
    }

    public void set(int sample, int y, int x, int c, double v) {
        data.set(offset(sample, y, x) + c, v);
    }

    /** Sets every element to zero. */
    public void zero() {
        data.zero(0, size());
    }

    /** Zeroes the channels of every padded position, restoring the batch invariant. */
    public void zeroPadding() {
        for (int s = 0; s < n; s++) {
            int hs = heights[s];
            int ws = widths[s];
            if (hs == height && ws == width) continue;
            for (int y = 0; y < height; y++) {
                int from = y < hs ? ws : 0;
                if (from < width) data.zero(offset(s, y, from), offset(s, y, 0) + width * channels);
            }
        }
    }

    /** Whether the sizes equal another batch's (same n, padded size and per-sample sizes). */
    public boolean sameSizes(Batch o) {
        return n == o.n && height == o.height && width == o.width && Arrays.equals(heights, o.heights)
                && Arrays.equals(widths, o.widths);
    }

    @Override
    public String toString() {
        return "Batch[" + n + "x" + height + "x" + width + "x" + channels + "]";
    }
}
