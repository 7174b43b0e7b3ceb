package dev.ductus.api.model;

import dev.ductus.api.image.GrayImage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A trained optical model: from a preprocessed line image to per-frame scores. It owns its input
 * representation (the feature configuration it was trained with, or the pixel height), so it never meets
 * features it was not trained on. Thread-safe: one instance serves concurrent requests.
 */
@ProviderType
public interface OpticalModel {
    ModelInfo info();

    FrameScores score(GrayImage line);
}
