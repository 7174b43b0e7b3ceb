package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * The gray level of the paper and the standard deviation of its pixel noise. The paper is the most frequent gray
 * level (text covers a small part of a page, and its pixels spread over many levels), counted over a window of
 * five levels: a contrast stretch piles the brightest percent of a noisy page onto pure white, and that pile must
 * not outnumber the paper's own, wider, peak; where the noise turns out wide, the peak is found again over a
 * window as wide as the noise, since single levels of a wide hump are too few to find its middle. The noise is
 * measured on the bright side of the paper level only, which ink never reaches: the median distance of the pixels
 * above the paper level, divided by 0.6745 (the median of a half-normal distribution of unit sigma). Pixels
 * exactly at the paper level are left out, so flat paper that a rotation or shear added around a noisy scan does
 * not hide its noise. A noise-free drawing on white (or any flat) paper gives sigma 0.
 *
 * @param paper the paper's intensity
 * @param sigma the noise's standard deviation, in intensity units
 */
public record PaperNoise(double paper, double sigma) {
    /** Noise below this (about 5 of 255 levels) does not make Otsu's threshold pick up paper. */
    public static final double NOTICEABLE = 0.02;

    private static final int LEVELS = OtsuThreshold.LEVELS;
    /** Half-width of the window the paper level is counted over. */
    private static final int MODE_WINDOW = 2;

    public static PaperNoise of(GrayImage image) {
        return of(OtsuThreshold.histogram(image));
    }

    /** From a {@link OtsuThreshold#histogram 256-level histogram}. */
    public static PaperNoise of(long[] histogram) {
        int mode = peak(histogram, MODE_WINDOW);
        // the counts of single levels of a wide noise hump are themselves noisy: find its middle again with a
        // window as wide as the noise
        int wide = (int) Math.round(0.5 * spread(histogram, mode));
        if (wide > MODE_WINDOW) mode = peak(histogram, wide);
        double step = 1.0 / (LEVELS - 1);
        return new PaperNoise(mode * step, spread(histogram, mode) * step);
    }

    /** The level with the most pixels within +-halfWidth levels, then the fullest level near it. */
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
        // a narrow window found the paper's peak; its own fullest level is the paper
        int top = mode;
        for (int j = Math.max(0, mode - halfWidth); j <= Math.min(n - 1, mode + halfWidth); j++) {
            if (histogram[j] > histogram[top]) top = j;
        }
        return top;
    }

    /** Sigma in levels from the median offset of the pixels above the paper level. */
    private static double spread(long[] histogram, int mode) {
        long above = 0;
        for (int i = mode + 1; i < histogram.length; i++) above += histogram[i];
        if (above == 0) return 0;
        long half = (above + 1) / 2;
        long seen = 0;
        for (int i = mode + 1; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= half) return (i - mode) / 0.6745;
        }
        return 0;
    }

    /** Whether the noise is strong enough to break a threshold on single pixels. */
    public boolean noticeable() {
        return sigma > NOTICEABLE;
    }
}
