package dev.ductus.api.features;

import dev.ductus.api.image.GrayImage;
import org.osgi.annotation.versioning.ProviderType;

/** A sliding window over a normalised line image producing one feature frame per window position. */
@ProviderType
public interface FeatureExtractor {
    /** A string that fully describes the configuration, e.g. {@code handcrafted:w=3,s=3,h=40,deltas=true}. */
    String spec();

    /** Values per frame. */
    int dimension();

    FeatureSequence extract(GrayImage line);
}
