package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Percentile-based linear contrast stretch: the intensity at the low percentile becomes 0 (black), the one at
 * the high percentile 1 (white), with values beyond clipped, then an optional gamma ({@code v^gamma}; above 1
 * darkens faint strokes). Percentiles rather than the minimum and maximum make it indifferent to a few dust
 * specks or saturated pixels. A flat image (the two percentiles closer than {@code minRange}) is returned
 * unchanged rather than blowing noise up to full range.
 */
public final class ContrastEnhancer {
    /** Quantisation of the percentile histogram: finer than any 8- or 16-bit input needs for a stretch. */
    private static final int BINS = 65536;

    /** What a stretch did. */
    public record Result(GrayImage image, float low, float high, boolean stretched) {
    }

    private final double lowPercentile;
    private final double highPercentile;
    private final double gamma;
    private final double minRange;

    public ContrastEnhancer(double lowPercentile, double highPercentile, double gamma, double minRange) {
        if (!(0 <= lowPercentile && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got "
                    + lowPercentile + ", " + highPercentile);
        }
        if (!(gamma > 0)) throw new IllegalArgumentException("gamma must be positive, got " + gamma);
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
        this.gamma = gamma;
        this.minRange = minRange;
    }

    /** 1st to 99th percentile, no gamma, images with less than 5 % range left alone. */
    public ContrastEnhancer() {
        this(1, 99, 1, 0.05);
    }

    public Result enhance(GrayImage image) {
        int[] histogram = histogram(image.pixels());
        long n = image.pixels().length;
        float low = percentile(histogram, n, lowPercentile);
        float high = percentile(histogram, n, highPercentile);
        if (high - low < minRange) return new Result(image, low, high, false);
        float[] src = image.pixels();
        float[] out = new float[src.length];
        float scale = 1f / (high - low);
        for (int i = 0; i < src.length; i++) {
            float v = (src[i] - low) * scale;
            v = v <= 0f ? 0f : v >= 1f ? 1f : v;
            out[i] = gamma == 1 ? v : (float) Math.pow(v, gamma);
        }
        return new Result(new GrayImage(image.width(), image.height(), out, image.geometry(), image.source(), image.pixelMap()),
                low, high, true);
    }

    /**
     * The smallest value v (to 1/65535) such that at least {@code p} percent of the {@code n} counted pixels
     * are {@code <= v}.
     */
    static float percentile(int[] histogram, long n, double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long cumulative = 0;
        for (int b = 0; b < histogram.length; b++) {
            cumulative += histogram[b];
            if (cumulative >= rank) return b / (float) (BINS - 1);
        }
        return 1f;
    }

    static int[] histogram(float[] pixels) {
        int[] h = new int[BINS];
        for (float v : pixels) {
            int b = !(v > 0f) ? 0 : v >= 1f ? BINS - 1 : Math.round(v * (BINS - 1));
            h[b]++;
        }
        return h;
    }
}
