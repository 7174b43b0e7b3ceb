package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.ImageRotation;
import dev.ductus.image.preprocess.NoiseHandling;
import dev.ductus.image.preprocess.PaperNoise;
import dev.ductus.image.preprocess.SkewEstimator;
import java.util.Locale;

/**
 * The {@code deskew} step: estimates the skew on the binarised ink ({@link SkewEstimator}; the binariser's noise
 * handling keeps noise out of it) and rotates the gray image by its negative ({@link ImageRotation}) onto paper
 * of the image's own paper level ({@link PaperNoise}), white for a clean scan. Angles
 * below {@code minAngle} are left alone: rotating by a hundredth of a degree only blurs.
 */
public final class DeskewStep implements Preprocessor {
    public static final String NAME = "deskew";
    public static final double DEFAULT_MAX_ANGLE = 15;
    public static final double DEFAULT_RESOLUTION = 0.1;
    public static final double DEFAULT_MIN_ANGLE = 0.1;

    private final Binarizer binarizer;
    private final SkewEstimator estimator;
    private final double minAngle;

    public DeskewStep(Binarizer binarizer, double maxAngle, double resolution, double minAngle) {
        this.binarizer = binarizer;
        this.estimator = new SkewEstimator(maxAngle, resolution);
        this.minAngle = minAngle;
    }

    public DeskewStep() {
        this(Binarizer.standard(), DEFAULT_MAX_ANGLE, DEFAULT_RESOLUTION, DEFAULT_MIN_ANGLE);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        NoiseHandling.Result ink = binarizer.find(image);
        double skew = estimator.estimate(ink.mask());
        if (Math.abs(skew) < minAngle) {
            notes.add(NAME, String.format(Locale.ROOT, "skew %.2f deg, not rotated%s", skew, StepTime.aside(ink)),
                    StepTime.millisSince(t0));
            return image;
        }
        PaperNoise paper = ink.noise() != null ? ink.noise() : PaperNoise.of(image);
        GrayImage out = ImageRotation.rotate(image, -skew, (float) paper.paper());
        notes.add(NAME, String.format(Locale.ROOT, "rotated by %.1f deg%s", -skew, StepTime.aside(ink)),
                StepTime.millisSince(t0));
        return out;
    }
}
