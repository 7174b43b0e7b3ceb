package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Summed-area tables of the intensities and of their squares, so the mean and variance of any window cost four
 * look-ups (Viola & Jones 2001; Shafait et al. 2008 for Sauvola). Sums are doubles: a 50-megapixel page of
 * values in [0, 1] stays far inside their exact range.
 */
public final class IntegralImage {
    private final int width;
    private final int height;
    private final double[] sum;
    private final double[] sumSq;

    public IntegralImage(GrayImage image) {
        width = image.width();
        height = image.height();
        int stride = width + 1;
        sum = new double[stride * (height + 1)];
        sumSq = new double[stride * (height + 1)];
        float[] p = image.pixels();
        for (int y = 0; y < height; y++) {
            double rowSum = 0;
            double rowSq = 0;
            for (int x = 0; x < width; x++) {
                double v = p[y * width + x];
                rowSum += v;
                rowSq += v * v;
                int i = (y + 1) * stride + x + 1;
                sum[i] = sum[i - stride] + rowSum;
                sumSq[i] = sumSq[i - stride] + rowSq;
            }
        }
    }

    /** Pixels in the window [x0, x1) x [y0, y1), clipped to the image. */
    public int area(int x0, int y0, int x1, int y1) {
        x0 = clampX(x0);
        x1 = clampX(x1);
        y0 = clampY(y0);
        y1 = clampY(y1);
        return Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
    }

    /** Sum of intensities in [x0, x1) x [y0, y1), clipped to the image. */
    public double sum(int x0, int y0, int x1, int y1) {
        return box(sum, x0, y0, x1, y1);
    }

    /** Sum of squared intensities in [x0, x1) x [y0, y1), clipped to the image. */
    public double sumOfSquares(int x0, int y0, int x1, int y1) {
        return box(sumSq, x0, y0, x1, y1);
    }

    private double box(double[] table, int x0, int y0, int x1, int y1) {
        x0 = clampX(x0);
        x1 = clampX(x1);
        y0 = clampY(y0);
        y1 = clampY(y1);
        if (x1 <= x0 || y1 <= y0) return 0;
        int stride = width + 1;
        return table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0];
    }

    private int clampX(int x) {
        return Math.max(0, Math.min(width, x));
    }

    private int clampY(int y) {
        return Math.max(0, Math.min(height, y));
    }
}
