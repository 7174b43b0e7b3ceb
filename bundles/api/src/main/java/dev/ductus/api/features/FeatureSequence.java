package dev.ductus.api.features;

/**
 * T feature frames of dimension D, row-major ({@code data[t * D + d]}), with the x position (centre column in
 * the normalised line image) of every frame, so hypotheses can point back into the image, and the spec of
 * the extractor that made them, so a model can refuse frames it was not trained on.
 */
public record FeatureSequence(int frames, int dimension, float[] data, float[] frameX, String spec) {
    public FeatureSequence {
        if (data.length != frames * dimension) {
            throw new IllegalArgumentException("data length " + data.length + " != " + frames + "x" + dimension);
        }
        if (frameX.length != frames) {
            throw new IllegalArgumentException("frameX length " + frameX.length + " != " + frames);
        }
    }

    public float get(int t, int d) {
        return data[t * dimension + d];
    }

    /** Copies frame t into dst (length >= D). */
    public void frame(int t, float[] dst) {
        System.arraycopy(data, t * dimension, dst, 0, dimension);
    }
}
