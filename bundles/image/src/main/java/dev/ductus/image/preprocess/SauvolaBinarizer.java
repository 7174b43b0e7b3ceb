package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Sauvola's local threshold (Sauvola & Pietikainen 2000): T(x, y) = m (1 + k (s / R - 1)) with m and s the
 * mean and standard deviation in a w x w window around the pixel, computed in constant time per pixel from an
 * {@link IntegralImage}. Unlike a global threshold it follows uneven illumination and stained paper: flat
 * regions (s small) get a threshold well below their mean, so paper stays paper whatever its brightness.
 * With intensities in [0, 1], R = 0.5 is the usual dynamic range of the standard deviation (128 of 255).
 */
public final class SauvolaBinarizer {
    private final int window;
    private final double k;
    private final double r;

    /**
     * @param window side of the square window in pixels (odd values centre it; about twice the stroke height
     *     of a character works well)
     * @param k sensitivity, typically 0.2 .. 0.5: larger gives thinner strokes and less noise
     * @param r dynamic range of the standard deviation, 0.5 for intensities in [0, 1]
     */
    public SauvolaBinarizer(int window, double k, double r) {
        if (window < 3) throw new IllegalArgumentException("Sauvola window must be at least 3, got " + window);
        if (!(r > 0)) throw new IllegalArgumentException("Sauvola R must be positive, got " + r);
        this.window = window;
        this.k = k;
        this.r = r;
    }

    public InkMask binarize(GrayImage image) {
        return binarize(image, 0);
    }

    /**
     * With a noise margin: a pixel is ink only if it is also at least {@code noiseMargin} below the window's mean,
     * so flat paper with noise stays paper (Sauvola alone puts the threshold about k m below the mean, within
     * reach of strong noise). 0 is the plain method.
     */
    public InkMask binarize(GrayImage image, double noiseMargin) {
        int w = image.width();
        int h = image.height();
        IntegralImage integral = new IntegralImage(image);
        float[] p = image.pixels();
        boolean[] ink = new boolean[p.length];
        int before = window / 2;
        int after = window - before;
        for (int y = 0; y < h; y++) {
            int y0 = y - before;
            int y1 = y + after;
            for (int x = 0; x < w; x++) {
                int x0 = x - before;
                int x1 = x + after;
                double t = threshold(integral, x0, y0, x1, y1);
                if (noiseMargin > 0) {
                    t = Math.min(t, integral.sum(x0, y0, x1, y1) / integral.area(x0, y0, x1, y1) - noiseMargin);
                }
                ink[y * w + x] = p[y * w + x] <= t;
            }
        }
        return new InkMask(w, h, ink);
    }

    /** The Sauvola threshold of the window [x0, x1) x [y0, y1) (clipped to the image). */
    public double threshold(IntegralImage integral, int x0, int y0, int x1, int y1) {
        double n = integral.area(x0, y0, x1, y1);
        double mean = integral.sum(x0, y0, x1, y1) / n;
        double variance = Math.max(0, integral.sumOfSquares(x0, y0, x1, y1) / n - mean * mean);
        return mean * (1 + k * (Math.sqrt(variance) / r - 1));
    }

    public int window() {
        return window;
    }

    public double k() {
        return k;
    }

    public double r() {
        return r;
    }
}
