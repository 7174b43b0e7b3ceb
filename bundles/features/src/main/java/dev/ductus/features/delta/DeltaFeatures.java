package dev.ductus.features.delta;

/**
 * Regression deltas over +-2 frames, appended to the static values: {@code d_t = sum_{k=1..2} k (c_{t+k} -
 * c_{t-k}) / (2 sum k^2)}, with frames beyond the line's ends repeated (the usual HTK definition). Order 2
 * also appends the deltas of the deltas.
 */
public final class DeltaFeatures {
    public static final int WINDOW = 2;

    private DeltaFeatures() {
    }

    /** frames x dim static values -> frames x (dim * (order + 1)). */
    public static float[] append(float[] data, int frames, int dim, int order) {
        if (order < 0 || order > 2) throw new IllegalArgumentException("delta order must be 0, 1 or 2, got " + order);
        if (order == 0) return data;
        int outDim = dim * (order + 1);
        float[] out = new float[frames * outDim];
        for (int t = 0; t < frames; t++) System.arraycopy(data, t * dim, out, t * outDim, dim);
        float[] prev = data;
        for (int o = 1; o <= order; o++) {
            float[] delta = deltas(prev, frames, dim);
            for (int t = 0; t < frames; t++) System.arraycopy(delta, t * dim, out, t * outDim + o * dim, dim);
            prev = delta;
        }
        return out;
    }

    /** Deltas of frames x dim values. */
    static float[] deltas(float[] data, int frames, int dim) {
        float[] out = new float[frames * dim];
        double norm = 0;
        for (int k = 1; k <= WINDOW; k++) norm += k * k;
        norm *= 2;
        for (int t = 0; t < frames; t++) {
            for (int d = 0; d < dim; d++) {
                double sum = 0;
                for (int k = 1; k <= WINDOW; k++) {
                    int after = Math.min(frames - 1, t + k);
                    int before = Math.max(0, t - k);
                    sum += k * (data[after * dim + d] - data[before * dim + d]);
                }
                out[t * dim + d] = (float) (sum / norm);
            }
        }
        return out;
    }
}
