package dev.ductus.ctc.explain;

/**
 * One layer's output for one line: {@code height x width x channels} values, row-major (channel fastest), and the
 * layer's model-string token.
 */
public record FeatureMap(String layer, int height, int width, int channels, float[] values) {
    public FeatureMap {
        if (values.length != height * width * channels) {
            throw new IllegalArgumentException(values.length + " values for " + height + "x" + width + "x" + channels);
        }
    }

    public float get(int y, int x, int c) {
        return values[(y * width + x) * channels + c];
    }

    /** The variance of one channel over the map (how much it says about this line). */
    public double variance(int c) {
        double sum = 0;
        double sq = 0;
        int n = height * width;
        for (int i = 0; i < n; i++) {
            double v = values[i * channels + c];
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        return Math.max(0, sq / n - mean * mean);
    }
}
