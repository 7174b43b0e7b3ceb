package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.ImageShear;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.preprocess.PaperNoise;
import dev.ductus.image.preprocess.SlantEstimator;
import java.util.Locale;

/**
 * The {@code deslant} step: estimates the slant of the strokes ({@link SlantEstimator}, Vinciarelli & Luettin)
 * and shears it away ({@link ImageShear}), onto paper of the image's own paper level. Slants below
 * {@code minAngle} are left alone.
 */
public final class DeslantStep implements Preprocessor {
    public static final String NAME = "deslant";
    public static final double DEFAULT_MAX_ANGLE = 45;
    public static final double DEFAULT_MIN_ANGLE = 1;

    private final Binarizer binarizer;
    private final SlantEstimator estimator;
    private final double minAngle;

    public DeslantStep(Binarizer binarizer, double maxAngle, double minAngle) {
        this.binarizer = binarizer;
        this.estimator = new SlantEstimator(maxAngle);
        this.minAngle = minAngle;
    }

    public DeslantStep() {
        this(Binarizer.standard(), DEFAULT_MAX_ANGLE, DEFAULT_MIN_ANGLE);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        NoiseHandling.Result ink = binarizer.find(image);
        double slant = estimator.estimate(ink.mask());
        if (Math.abs(slant) < minAngle) {
            notes.add(NAME, String.format(Locale.ROOT, "slant %.1f deg, not sheared%s", slant, StepTime.aside(ink)),
                    StepTime.millisSince(t0));
            return image;
        }
        PaperNoise paper = ink.noise() != null ? ink.noise() : PaperNoise.of(image);
        GrayImage out = ImageShear.shear(image, slant, (float) paper.paper());
        notes.add(NAME, String.format(Locale.ROOT, "sheared by %.1f deg%s", slant, StepTime.aside(ink)),
                StepTime.millisSince(t0));
        return out;
    }
}
