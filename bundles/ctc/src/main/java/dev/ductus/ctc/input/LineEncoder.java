package dev.ductus.ctc.input;

import dev.ductus.api.image.GrayImage;
import dev.ductus.nn.layer.Shape;

/** Turns a preprocessed line image into network input. Thread-safe. */
public interface LineEncoder {
    /** What the model stores and checks: {@code pixels:h=64}, or the feature extractor's spec. */
    String spec();

    /** The network's input shape (height, channels). */
    Shape shape();

    EncodedLine encode(GrayImage line);
}
