package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.InkMask;
import dev.ductus.image.preprocess.NoiseHandling;
import java.util.Locale;

/**
 * The {@code binarize} step: Otsu or Sauvola, with the binariser's noise handling (smoothing of noisy images,
 * speck removal). Its output is either the 0/1 image ({@code binary}) or the gray image with everything the
 * binariser called paper set to white ({@code gray}: a cleaned background that keeps the strokes' shading for
 * feature extraction).
 */
public final class BinarizeStep implements Preprocessor {
    public static final String NAME = "binarize";
    public static final String DEFAULT_METHOD = "otsu";
    public static final int DEFAULT_WINDOW = 25;
    public static final double DEFAULT_K = 0.2;
    public static final double DEFAULT_R = 0.5;
    public static final String DEFAULT_OUTPUT = "binary";

    /** What the step hands on. */
    public enum Output {
        BINARY, GRAY;

        public static Output parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "binary" -> BINARY;
                case "gray", "grey" -> GRAY;
                default -> throw new IllegalArgumentException("unknown binarize output '" + s + "': expected binary or gray");
            };
        }
    }

    private final Binarizer binarizer;
    private final Output output;

    public BinarizeStep(Binarizer binarizer, Output output) {
        this.binarizer = binarizer;
        this.output = output;
    }

    public BinarizeStep() {
        this(Binarizer.standard(), Output.BINARY);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        NoiseHandling.Result ink = binarizer.find(image);
        InkMask mask = ink.mask();
        GrayImage out = (output == Output.BINARY ? mask.toImage(image) : mask.keepInk(image)).withGeometry(image.geometry());
        double percent = 100.0 * mask.count() / image.pixels().length;
        notes.add(NAME, String.format(Locale.ROOT, "%s, %.1f%% ink, %s output%s", binarizer.describe(), percent,
                output.name().toLowerCase(Locale.ROOT), StepTime.aside(ink)), StepTime.millisSince(t0));
        return out;
    }
}
