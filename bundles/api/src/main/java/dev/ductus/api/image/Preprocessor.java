package dev.ductus.api.image;

import dev.ductus.api.Notes;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One preprocessing stage (contrast, binarisation, deskew, slant correction, height normalisation, crop) or a
 * chain of them. Implementations are stateless per call and thread-safe.
 */
@ProviderType
public interface Preprocessor {
    /**
     * Processes one image. Adds a note to {@code notes} saying what it did (e.g. the angle it rotated by).
     *
     * @throws dev.ductus.api.InputException when the image cannot be processed (e.g. it is blank)
     */
    GrayImage process(GrayImage image, Notes notes);
}
