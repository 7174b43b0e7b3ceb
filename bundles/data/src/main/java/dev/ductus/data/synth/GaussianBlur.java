package dev.ductus.data.synth;

/**
 * Separable Gaussian blur with edge clamping: two 1-D passes of a kernel cut at 3 sigma and normalised to sum
 * 1, so a constant image stays constant.
 */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    public static float[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) k[i] /= (float) sum;
        return k;
    }

    /** Blurs {@code data} (width x height, row-major) in place; sigma <= 0 leaves it unchanged. */
    public static void apply(float[] data, int width, int height, double sigma) {
        if (sigma <= 0) return;
        float[] k = kernel(sigma);
        int r = k.length / 2;
        float[] tmp = new float[data.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(width - 1, Math.max(0, x + i));
                    s += k[i + r] * data[row + xx];
                }
                tmp[row + x] = s;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float s = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(height - 1, Math.max(0, y + i));
                    s += k[i + r] * tmp[yy * width + x];
                }
                data[y * width + x] = s;
            }
        }
    }
}
