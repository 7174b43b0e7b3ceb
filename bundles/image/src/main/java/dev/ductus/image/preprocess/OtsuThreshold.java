package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Otsu's global threshold (Otsu 1979): the split of the gray-level histogram into two classes that maximises
 * the between-class variance w0 w1 (mu0 - mu1)^2. When several splits reach the maximum (empty levels between
 * two modes), the middle of that plateau is taken, so a pure black/white image splits at mid-gray.
 */
public final class OtsuThreshold {
    /** Levels of the histogram images are quantised to. */
    public static final int LEVELS = 256;

    private OtsuThreshold() {
    }

    /**
     * The best split: levels {@code 0..k} form the first (dark) class, {@code k+1..} the second.
     * Returns -1 when all counts lie in one level (nothing to split).
     */
    public static int split(long[] histogram) {
        double[] variance = betweenClassVariances(histogram);
        double best = 0;
        for (double v : variance) best = Math.max(best, v);
        if (best <= 0) return -1;
        double tie = best * (1 - 1e-12);
        int first = 0;
        while (variance[first] < tie) first++;
        int last = first;
        while (last + 1 < variance.length && variance[last + 1] >= tie) last++;
        return (first + last) / 2;
    }

    /**
     * sigma_B^2(k) = w0 w1 (mu0 - mu1)^2 for every split k (levels 0..k against k+1..), with w the class
     * probabilities and mu the class means in level units; 0 where a class is empty.
     */
    public static double[] betweenClassVariances(long[] histogram) {
        int n = histogram.length;
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            total += histogram[i];
            weighted += (double) i * histogram[i];
        }
        double[] out = new double[Math.max(0, n - 1)];
        if (total == 0) return out;
        double count0 = 0;
        double sum0 = 0;
        for (int k = 0; k < n - 1; k++) {
            count0 += histogram[k];
            sum0 += (double) k * histogram[k];
            double count1 = total - count0;
            if (count0 == 0 || count1 == 0) continue;
            double mu0 = sum0 / count0;
            double mu1 = (weighted - sum0) / count1;
            double w0 = count0 / total;
            double w1 = count1 / total;
            out[k] = w0 * w1 * (mu0 - mu1) * (mu0 - mu1);
        }
        return out;
    }

    /** The 256-level histogram of an image's intensities. */
    public static long[] histogram(GrayImage image) {
        long[] h = new long[LEVELS];
        for (float v : image.pixels()) h[level(v)]++;
        return h;
    }

    /**
     * The intensity threshold of the image: pixels {@code <=} it are ink. For an image of one gray level
     * (nothing to split) returns -1, so no pixel is ink.
     */
    public static float threshold(GrayImage image) {
        int k = split(histogram(image));
        return k < 0 ? -1f : (k + 0.5f) / (LEVELS - 1);
    }

    public static InkMask binarize(GrayImage image) {
        return InkMask.threshold(image, threshold(image));
    }

    static int level(float v) {
        if (!(v > 0f)) return 0;
        if (v >= 1f) return LEVELS - 1;
        return Math.round(v * (LEVELS - 1));
    }
}
