package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * The gray level of the paper and the standard deviation of the image's pixel noise.
 *
 * <p>The noise is measured on differences of horizontally neighbouring pixels, which cancel the paper's slow
 * shading (a brightness that drifts over the page is no noise a blur could remove): sigma is the median absolute
 * difference divided by 0.6745 sqrt 2 (a difference of two independent pixels has sigma sqrt 2; the median of its
 * absolute value is 0.6745 of that). Pairs of exactly equal pixels are left out: flat paper that a rotation or
 * shear put around a scan, or a clipped stretch of pure white, has no noise but would hide it. An image whose
 * neighbouring pixels are mostly exactly equal (a drawing, a rendering, a clean scan) has sigma 0, since there the
 * unequal pairs are the edges of its strokes, not noise. Stroke edges of a noisy image are a small share of its
 * pairs and do not move the median much.
 *
 * <p>The paper is the most frequent gray level (text covers a small part of a page, and its pixels spread over
 * many levels), counted over a window of five levels: a contrast stretch piles the brightest percent of a noisy
 * page onto pure white, and that pile must not outnumber the paper's own, wider, peak. Where the noise is wide,
 * the peak is found again over a window as wide as the noise, since single levels of a wide hump are too few to
 * find its middle.
 *
 * @param paper the paper's intensity
 * @param sigma the pixel noise's standard deviation, in intensity units
 */
public record PaperNoise(double paper, double sigma) {
    /** Noise below this (about 5 of 255 levels) does not make Otsu's threshold pick up paper. */
    public static final double NOTICEABLE = 0.02;

    private static final int LEVELS = OtsuThreshold.LEVELS;
    /** Half-width of the window the paper level is counted over. */
    private static final int MODE_WINDOW = 2;
    /** Bins of the histogram of absolute neighbour differences over [0, 1]. */
    private static final int DIFFERENCE_BINS = 2048;
    /** The median of |a - b| for independent a, b of unit sigma: 0.6745 sqrt 2. */
    private static final double MEDIAN_OF_DIFFERENCE = 0.6745 * Math.sqrt(2);

    public static PaperNoise of(GrayImage image) {
        double sigma = pixelNoise(image);
        return new PaperNoise(paperLevel(OtsuThreshold.histogram(image), sigma), sigma);
    }

    /** The pixel noise's sigma from horizontal neighbour differences; 0 when most neighbours are equal. */
    public static double pixelNoise(GrayImage image) {
        int w = image.width();
        int h = image.height();
        float[] p = image.pixels();
        long[] histogram = new long[DIFFERENCE_BINS];
        long unequal = 0;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 1; x < w; x++) {
                float d = Math.abs(p[row + x] - p[row + x - 1]);
                if (d == 0f) continue;
                histogram[Math.min(DIFFERENCE_BINS - 1, (int) (d * DIFFERENCE_BINS))]++;
                unequal++;
            }
        }
        long pairs = (long) (w - 1) * h;
        if (pairs == 0 || 2 * unequal < pairs) return 0;
        long half = (unequal + 1) / 2;
        long seen = 0;
        for (int b = 0; b < DIFFERENCE_BINS; b++) {
            seen += histogram[b];
            if (seen >= half) {
                // interpolate within the bin, so quantised inputs (8-bit scans) do not snap to bin edges
                double before = seen - histogram[b];
                double median = (b + (half - before) / histogram[b]) / DIFFERENCE_BINS;
                return median / MEDIAN_OF_DIFFERENCE;
            }
        }
        return 0;
    }

    /** The paper level from a {@link OtsuThreshold#histogram 256-level histogram} and the noise sigma. */
    public static double paperLevel(long[] histogram, double sigma) {
        int mode = peak(histogram, MODE_WINDOW);
        // a single level of a wide noise hump holds too few pixels to find its middle: count over the noise
        int wide = (int) Math.round(0.5 * sigma * (LEVELS - 1));
        if (wide > MODE_WINDOW) mode = peak(histogram, wide);
        return mode / (double) (LEVELS - 1);
    }

    /** The level with the most pixels within +-halfWidth levels; for a narrow window, its fullest level. */
    private static int peak(long[] histogram, int halfWidth) {
        int n = histogram.length;
        long[] cumulative = new long[n + 1];
        for (int i = 0; i < n; i++) cumulative[i + 1] = cumulative[i] + histogram[i];
        int mode = 0;
        long best = -1;
        for (int i = 0; i < n; i++) {
            long window = cumulative[Math.min(n, i + halfWidth + 1)] - cumulative[Math.max(0, i - halfWidth)];
            if (window > best) {
                best = window;
                mode = i;
            }
        }
        if (halfWidth > MODE_WINDOW) return mode;
        int top = mode;
        for (int j = Math.max(0, mode - halfWidth); j <= Math.min(n - 1, mode + halfWidth); j++) {
            if (histogram[j] > histogram[top]) top = j;
        }
        return top;
    }

    /** Whether the noise is strong enough to break a threshold on single pixels. */
    public boolean noticeable() {
        return sigma > NOTICEABLE;
    }
}
