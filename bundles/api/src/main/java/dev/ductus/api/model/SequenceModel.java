package dev.ductus.api.model;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.lm.LanguageModel;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An end-to-end model that emits characters itself (an attention encoder-decoder) instead of frame scores:
 * it reads a line, or a whole paragraph without line segmentation, and runs its own beam search, optionally
 * with a language model.
 */
@ProviderType
public interface SequenceModel {
    ModelInfo info();

    /** @param lm the language model to combine in the beam search, or null */
    Hypothesis recognize(GrayImage image, LanguageModel lm);

    /**
     * Recognises and notes which model version did it (a served model adds a {@code ductus.model.version} note),
     * as {@link OpticalModel#score(GrayImage, dev.ductus.api.Notes)} does.
     */
    default Hypothesis recognize(GrayImage image, LanguageModel lm, dev.ductus.api.Notes notes) {
        return recognize(image, lm);
    }
}
