package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.MarginCropper;
import dev.ductus.image.preprocess.NoiseHandling;
import java.util.Locale;

/**
 * The {@code crop} step: the bounding box of the ink, cleaned of noise, plus a margin ({@link MarginCropper});
 * no ink is an input error.
 */
public final class CropStep implements Preprocessor {
    public static final String NAME = "crop";
    public static final int DEFAULT_MARGIN = 4;
    public static final double DEFAULT_INK_THRESHOLD = 0.5;

    private final MarginCropper cropper;

    public CropStep(int margin, double inkThreshold, NoiseHandling noise) {
        this.cropper = new MarginCropper(margin, (float) inkThreshold, noise);
    }

    /** Without noise handling: every pixel at or below the threshold is ink. */
    public CropStep(int margin, double inkThreshold) {
        this(margin, inkThreshold, NoiseHandling.OFF);
    }

    public CropStep() {
        this(DEFAULT_MARGIN, DEFAULT_INK_THRESHOLD, NoiseHandling.DEFAULT);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        NoiseHandling.Result ink = cropper.ink(image);
        GrayImage out = cropper.crop(image, MarginCropper.box(ink.mask()));
        notes.add(NAME, String.format(Locale.ROOT, "%dx%d -> %dx%d%s", image.width(), image.height(), out.width(),
                out.height(), StepTime.aside(ink)), StepTime.millisSince(t0));
        return out;
    }
}
