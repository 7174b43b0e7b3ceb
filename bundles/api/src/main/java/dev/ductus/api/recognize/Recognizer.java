package dev.ductus.api.recognize;

import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.GrayImage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An assembled pipeline (registered with {@code ductus.name} = the pipeline's name): preprocessing, optical
 * model, decoder and language model, or a sequence model. A request runs to the end on the stages it started
 * with, even while the configuration swaps them. Thread-safe.
 */
@ProviderType
public interface Recognizer {
    String name();

    /** The stages in use now, e.g. {@code preprocessor=default model=gmm-hmm lm=word-3gram}. */
    String describe();

    /** Whether the input is a page of several lines (segmented, or read whole by a paragraph model). */
    boolean paragraphs();

    Hypothesis recognize(GrayImage image);
}
