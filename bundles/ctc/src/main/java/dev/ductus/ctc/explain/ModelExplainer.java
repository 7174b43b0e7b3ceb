package dev.ductus.ctc.explain;

import dev.ductus.api.image.GrayImage;
import java.nio.file.Path;

/**
 * Explains models that are not CTC models for the {@code explain} verb: a service another bundle registers (the
 * attention systems draw their attention maps over the image). The verb asks each registered explainer whether it
 * reads the model file before it reads the file as a CTC model.
 */
public interface ModelExplainer {
    /** Whether this explainer reads that model file (decided from its header, without loading the weights). */
    boolean accepts(Path modelFile);

    /**
     * Explains the (preprocessed) image with the model in the file.
     *
     * @param pipelineText what the pipeline recognised, or null
     * @param zoom         display pixels per image pixel
     * @throws dev.ductus.api.InputException naming the file when it cannot be read
     */
    Explained explain(Path modelFile, GrayImage image, String pipelineText, int zoom);

    /** A self-contained HTML page, and the text the model read (printed by the verb). */
    record Explained(String html, String text) {
    }
}
