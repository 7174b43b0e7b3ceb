package dev.ductus.data.embedded;

import dev.ductus.api.Box;
import java.util.List;

/**
 * One generated image with its transcription ({@code \n} between paragraph lines), the line boxes of a
 * paragraph (empty for a single line) and its provenance (font, document, MNIST indices) for the manifest.
 */
public record GeneratedSample(int width, int height, float[] gray, String text, List<Box> lineBoxes, String source) {
    public GeneratedSample {
        lineBoxes = List.copyOf(lineBoxes);
        if (text.contains("\t") || source.contains("\t") || source.contains("\n")) {
            throw new IllegalArgumentException("tabs or newlines in sample text/source");
        }
    }
}
