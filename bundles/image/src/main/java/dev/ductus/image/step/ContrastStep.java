package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.ContrastEnhancer;
import java.util.Locale;

/** The {@code contrast} step: a percentile contrast stretch ({@link ContrastEnhancer}) with a note of the range. */
public final class ContrastStep implements Preprocessor {
    public static final String NAME = "contrast";
    public static final double DEFAULT_LOW_PERCENTILE = 1;
    public static final double DEFAULT_HIGH_PERCENTILE = 99;
    public static final double DEFAULT_GAMMA = 1;
    public static final double DEFAULT_MIN_RANGE = 0.05;

    private final ContrastEnhancer enhancer;
    private final double gamma;

    public ContrastStep(double lowPercentile, double highPercentile, double gamma, double minRange) {
        this.enhancer = new ContrastEnhancer(lowPercentile, highPercentile, gamma, minRange);
        this.gamma = gamma;
    }

    public ContrastStep() {
        this(DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE, DEFAULT_GAMMA, DEFAULT_MIN_RANGE);
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        ContrastEnhancer.Result r = enhancer.enhance(image);
        String message = r.stretched()
                ? String.format(Locale.ROOT, "stretched [%.3f, %.3f] to [0, 1]%s", r.low(), r.high(),
                        gamma == 1 ? "" : String.format(Locale.ROOT, ", gamma %.2f", gamma))
                : String.format(Locale.ROOT, "flat image [%.3f, %.3f], unchanged", r.low(), r.high());
        notes.add(NAME, message, StepTime.millisSince(t0));
        return r.image();
    }
}
