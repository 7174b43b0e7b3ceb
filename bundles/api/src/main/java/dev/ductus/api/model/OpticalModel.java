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

    /**
     * Scores the line and notes which model version did it (a served model adds a
     * {@code ductus.model.version} note, e.g. {@code crnn-digits@3fa29c01be77}), so each result is attributable
     * to one model file's content even across a hot swap.
     */
    default FrameScores score(GrayImage line, dev.ductus.api.Notes notes) {
        return score(line);
    }
}
