package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.MarginCropper;
import java.util.Locale;

/** The {@code crop} step: the ink's bounding box plus a margin ({@link MarginCropper}); no ink is an input error. */
public final class CropStep implements Preprocessor {
    public static final String NAME = "crop";
    public static final int DEFAULT_MARGIN = 4;
    public static final double DEFAULT_INK_THRESHOLD = 0.5;

    private final MarginCropper cropper;

    public CropStep(int margin, double inkThreshold) {
        this.cropper = new MarginCropper(margin, (float) inkThreshold);
    }

    public CropStep() {
        this(DEFAULT_MARGIN, DEFAULT_INK_THRESHOLD);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        GrayImage out = cropper.crop(image);
        notes.add(NAME, String.format(Locale.ROOT, "%dx%d -> %dx%d", image.width(), image.height(), out.width(),
                out.height()), StepTime.millisSince(t0));
        return out;
    }
}
