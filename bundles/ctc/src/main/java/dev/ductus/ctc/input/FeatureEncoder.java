package dev.ductus.ctc.input;

import dev.ductus.api.InputException;
import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import dev.ductus.nn.layer.Shape;

/**
 * Sliding-window feature frames as a sequence (height 1, one column per frame), standardised per dimension
 * with the training data's mean and standard deviation (kept in the model), since the handcrafted features
 * mix scales (densities in [0, 1], positions in pixels, counts).
 */
public final class FeatureEncoder implements LineEncoder {
    private final FeatureExtractor extractor;
    private final float[] mean;
    private final float[] invStd;

    public FeatureEncoder(FeatureExtractor extractor, float[] mean, float[] std) {
        int d = extractor.dimension();
        if (mean.length != d || std.length != d) {
            throw new IllegalArgumentException("normalisation of " + mean.length + " dimensions for " + d + "-dimensional features");
        }
        this.extractor = extractor;
        this.mean = mean.clone();
        this.invStd = new float[d];
        for (int i = 0; i < d; i++) invStd[i] = std[i] > 1e-6f ? 1f / std[i] : 1f;
    }

    /** An encoder that leaves features as they are (before the statistics are known). */
    public static FeatureEncoder identity(FeatureExtractor extractor) {
        float[] zero = new float[extractor.dimension()];
        float[] one = new float[extractor.dimension()];
        java.util.Arrays.fill(one, 1f);
        return new FeatureEncoder(extractor, zero, one);
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        float[] s = new float[invStd.length];
        for (int i = 0; i < s.length; i++) s[i] = 1f / invStd[i];
        return s;
    }

    @Override
    public String spec() {
        return extractor.spec();
    }

    @Override
    public Shape shape() {
        return new Shape(1, extractor.dimension());
    }

    @Override
    public EncodedLine encode(GrayImage line) {
        FeatureSequence f = extractor.extract(line);
        if (!f.spec().equals(extractor.spec()) || f.dimension() != mean.length) {
            throw new InputException(line.source(), "features '" + f.spec() + "' where '" + extractor.spec() + "' was expected");
        }
        int d = f.dimension();
        int frames = Math.max(1, f.frames());
        float[] v = new float[frames * d];
        float[] data = f.data();
        for (int t = 0; t < f.frames(); t++) {
            for (int k = 0; k < d; k++) v[t * d + k] = (data[t * d + k] - mean[k]) * invStd[k];
        }
        float[] x = f.frames() > 0 ? f.frameX() : new float[] {line.width() / 2f};
        return new EncodedLine(1, frames, d, v, x, line.width());
    }
}
