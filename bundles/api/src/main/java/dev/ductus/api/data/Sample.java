package dev.ductus.api.data;

import dev.ductus.api.Box;
import dev.ductus.api.image.GrayImage;
import java.util.List;
import java.util.function.Supplier;

/**
 * One line (or paragraph) image with its transcription. The image is loaded lazily, so a dataset of 100,000
 * lines costs no memory until it is read. For paragraphs, {@code text} has one line per "\n" and
 * {@code lineBoxes} (possibly empty) gives each line's box in the image.
 */
public record Sample(String id, String text, String source, Supplier<GrayImage> image, List<Box> lineBoxes) {
    public Sample {
        lineBoxes = lineBoxes == null ? List.of() : List.copyOf(lineBoxes);
    }

    public Sample(String id, String text, String source, Supplier<GrayImage> image) {
        this(id, text, source, image, List.of());
    }

    public GrayImage loadImage() {
        return image.get();
    }
}
