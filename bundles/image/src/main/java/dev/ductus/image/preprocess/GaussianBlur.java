package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Separable Gaussian blur, kernel cut at 3 sigma and normalised to sum 1, edges extended by repeating the border
 * pixel (so the paper at the border stays paper). Run before thresholding an estimation mask: at sigma 1 it
 * divides independent pixel noise by about 3.5 while a stroke of two pixels or more keeps most of its contrast,
 * so a noisy, faded scan thresholds into strokes instead of salt and pepper.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    /** The blurred image (same size, geometry and source); {@code sigma <= 0} returns the image itself. */
    public static GrayImage blur(GrayImage image, double sigma) {
        if (!(sigma > 0)) return image;
        int w = image.width();
        int h = image.height();
        float[] kernel = kernel(sigma);
        int radius = kernel.length / 2;
        float[] src = image.pixels();
        float[] across = new float[src.length];
        float[] padded = new float[w + 2 * radius];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            System.arraycopy(src, row, padded, radius, w);
            java.util.Arrays.fill(padded, 0, radius, src[row]);
            java.util.Arrays.fill(padded, radius + w, padded.length, src[row + w - 1]);
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int i = 0; i < kernel.length; i++) s += kernel[i] * padded[x + i];
                across[row + x] = s;
            }
        }
        float[] out = new float[src.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int i = 0; i < kernel.length; i++) {
                int from = Math.max(0, Math.min(h - 1, y + i - radius)) * w;
                float k = kernel[i];
                for (int x = 0; x < w; x++) out[row + x] += k * across[from + x];
            }
        }
        return new GrayImage(w, h, out, image.geometry(), image.source(), image.pixelMap());
    }

    /**
     * The factor the blur multiplies the standard deviation of independent pixel noise by: the root of the sum
     * of the squared 2-D weights, which for a separable kernel is the sum of the squared 1-D weights (about
     * {@code 1 / (2 sqrt(pi) sigma)}, 0.28 at sigma 1). 1 for {@code sigma <= 0}.
     */
    public static double noiseGain(double sigma) {
        if (!(sigma > 0)) return 1;
        double s = 0;
        for (float k : kernel(sigma)) s += (double) k * k;
        return s;
    }

    /** The normalised kernel, {@code 2 ceil(3 sigma) + 1} taps. */
    static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            total += k[i + radius];
        }
        float[] out = new float[k.length];
        for (int i = 0; i < k.length; i++) out[i] = (float) (k[i] / total);
        return out;
    }
}
