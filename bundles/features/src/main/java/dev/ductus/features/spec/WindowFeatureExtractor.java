package dev.ductus.features.spec;

import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import dev.ductus.features.delta.DeltaFeatures;
import dev.ductus.features.handcrafted.FrameFeatures;
import dev.ductus.features.handcrafted.HandcraftedFeatures;
import dev.ductus.features.pixels.PixelWindowFeatures;
import dev.ductus.features.window.SlidingWindow;
import java.util.List;

/**
 * The extractor a {@link FeatureSpec} describes: a sliding window, frame features, optional deltas. Its
 * {@link #spec()} is the canonical spec string, stamped on every sequence it makes. Stateless and thread-safe.
 */
public final class WindowFeatureExtractor implements FeatureExtractor {
    private final FeatureSpec spec;
    private final SlidingWindow window;
    private final FrameFeatures features;

    public WindowFeatureExtractor(FeatureSpec spec) {
        this.spec = spec;
        this.window = new SlidingWindow(spec.width(), spec.shift());
        this.features = switch (spec.kind()) {
            case HANDCRAFTED -> new HandcraftedFeatures();
            case PIXELS -> new PixelWindowFeatures(spec.width(), spec.height());
        };
    }

    public static WindowFeatureExtractor of(String spec) {
        return new WindowFeatureExtractor(FeatureSpec.parse(spec));
    }

    @Override
    public String spec() {
        return spec.toString();
    }

    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public int dimension() {
        return features.dimension() * (spec.deltas() + 1);
    }

    /** One line per static value (deltas follow in the same order). */
    public List<String> descriptions() {
        return features.descriptions();
    }

    @Override
    public FeatureSequence extract(GrayImage line) {
        int frames = window.frames(line.width());
        float[] data = DeltaFeatures.append(features.extract(line, window), frames, features.dimension(), spec.deltas());
        return new FeatureSequence(frames, dimension(), data, window.centres(line.width()), spec());
    }
}
