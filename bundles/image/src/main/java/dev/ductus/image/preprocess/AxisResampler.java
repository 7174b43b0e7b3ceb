package dev.ductus.image.preprocess;

/**
 * Resamples an image along one axis: each output row (or column) takes the source interval [start, end) it maps
 * to. Intervals of a pixel or more are area-averaged (a box filter, so strong reductions do not alias thin
 * strokes away); shorter ones are linearly interpolated at their centre (smooth enlargement). Pixel i covers
 * [i, i + 1); beyond the image is white paper.
 */
final class AxisResampler {
    private AxisResampler() {
    }

    /** Output row r is the source rows over [start[r], end[r]). */
    static float[] rows(float[] src, int width, int height, double[] start, double[] end) {
        int outH = start.length;
        float[] out = new float[width * outH];
        float[] column = new float[height];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) column[y] = src[y * width + x];
            for (int r = 0; r < outH; r++) out[r * width + x] = sample(column, start[r], end[r]);
        }
        return out;
    }

    /** Scales every row from {@code width} to {@code outWidth} columns. */
    static float[] columns(float[] src, int width, int height, int outWidth) {
        float[] out = new float[outWidth * height];
        double scale = (double) width / outWidth;
        float[] row = new float[width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(src, y * width, row, 0, width);
            for (int c = 0; c < outWidth; c++) out[y * outWidth + c] = sample(row, c * scale, (c + 1) * scale);
        }
        return out;
    }

    static float sample(float[] line, double a, double b) {
        if (b - a >= 1) return areaAverage(line, a, b);
        double c = (a + b) / 2 - 0.5;
        int i = (int) Math.floor(c);
        double f = c - i;
        return (float) (valueAt(line, i) * (1 - f) + valueAt(line, i + 1) * f);
    }

    private static float areaAverage(float[] line, double a, double b) {
        double sum = 0;
        int first = (int) Math.floor(a);
        int last = (int) Math.ceil(b) - 1;
        for (int i = first; i <= last; i++) {
            double overlap = Math.min(b, i + 1) - Math.max(a, i);
            if (overlap > 0) sum += overlap * valueAt(line, i);
        }
        return (float) (sum / (b - a));
    }

    private static float valueAt(float[] line, int i) {
        return i >= 0 && i < line.length ? line[i] : 1f;
    }
}
