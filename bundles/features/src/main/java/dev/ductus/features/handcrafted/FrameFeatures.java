package dev.ductus.features.handcrafted;

import dev.ductus.api.image.GrayImage;
import dev.ductus.features.window.SlidingWindow;
import java.util.List;

/** Per-frame features of a line image under a sliding window. */
public interface FrameFeatures {
    int dimension();

    /** One line per value: "index name: meaning". */
    List<String> descriptions();

    /** frames x dimension values, row-major, for the window positions of {@code window}. */
    float[] extract(GrayImage line, SlidingWindow window);
}
