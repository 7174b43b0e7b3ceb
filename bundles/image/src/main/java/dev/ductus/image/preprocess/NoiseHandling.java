package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;
import java.util.Locale;

/**
 * How pixel noise is kept out of an ink mask. When {@code smoothing > 0} and the image's {@link PaperNoise pixel
 * noise} is noticeable, the image is blurred ({@link GaussianBlur}, sigma {@code smoothing} pixels) before the
 * threshold, and the threshold is held {@value #NOISE_MARGIN} sigmas of the noise left after the blur (the pixel
 * noise times {@link GaussianBlur#noiseGain}) below the paper (for a local threshold, below the local mean): where
 * the ink is a small fraction of the page, Otsu's split otherwise lands inside the paper's own noise and a fixed
 * threshold can too. An image without noticeable noise is
 * thresholded as it is, so clean drawings and renderings get exactly the mask they got without noise handling.
 * Then, with {@code despeckle > 0}, components smaller than {@code despeckle} times the squared stroke width are
 * removed ({@link SpeckFilter}). Measured on faded noisy lines in six handwriting fonts at 30 and 40 px (contrast
 * 0.25-0.5, noise sigma 0.05-0.12, 96 lines; the test-scope {@code SmoothingComparison}): with sigma 1 skew and
 * slant were right on every line; sigma 0.7 missed the slant of 11, a 3x3 median of 6 (and it erases strokes one
 * pixel wide), sigma 1.5, whose masks are fatter, of 11.
 */
public record NoiseHandling(double smoothing, double despeckle) {
    /** No smoothing, no noise floor, no speck removal: the plain threshold. */
    public static final NoiseHandling OFF = new NoiseHandling(0, 0);
    /** Sigma of the blur of noisy images in the step defaults, in pixels. */
    public static final double DEFAULT_SMOOTHING = 1.0;
    /** Speck size relative to the squared stroke width in the step defaults. */
    public static final double DEFAULT_DESPECKLE = 0.5;
    /** What the steps use unless configured otherwise. */
    public static final NoiseHandling DEFAULT = new NoiseHandling(DEFAULT_SMOOTHING, DEFAULT_DESPECKLE);
    /** How many sigmas of the remaining noise the threshold stays below the paper. */
    public static final double NOISE_MARGIN = 4;

    /** A threshold that may be held below the paper noise. */
    @FunctionalInterface
    public interface Threshold {
        /**
         * @param image the image to threshold (blurred when it was noisy)
         * @param noiseMargin how far below the paper (or the local mean) the threshold must stay, in intensity;
         *     0 when the image was not noisy
         * @param paper the paper level, meaningful when {@code noiseMargin > 0}
         */
        InkMask apply(GrayImage image, double noiseMargin, double paper);
    }

    /** What finding the ink of one image did: the mask, the paper and its noise, whether it was blurred, specks removed. */
    public record Result(InkMask mask, PaperNoise noise, boolean smoothed, int specks) {
        /** e.g. {@code pixel noise 0.127, smoothed, 12 specks removed}; empty when nothing was done. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (smoothed) sb.append(String.format(Locale.ROOT, "pixel noise %.3f, smoothed", noise.sigma()));
            if (specks > 0) {
                sb.append(sb.length() > 0 ? ", " : "").append(specks).append(specks == 1 ? " speck" : " specks")
                        .append(" removed");
            }
            return sb.toString();
        }
    }

    public NoiseHandling {
        if (!(smoothing >= 0 && smoothing <= 10)) {
            throw new IllegalArgumentException("smoothing sigma must be in [0, 10] pixels, got " + smoothing);
        }
        if (!(despeckle >= 0 && despeckle <= 100)) {
            throw new IllegalArgumentException("despeckle must be in [0, 100] (relative to the squared stroke width), got " + despeckle);
        }
    }

    public boolean off() {
        return smoothing == 0 && despeckle == 0;
    }

    /** The ink of the image by the threshold, with the noise handling around it. */
    public Result find(GrayImage image, Threshold threshold) {
        if (off()) return new Result(threshold.apply(image, 0, 1), null, false, 0);
        GrayImage source = image;
        PaperNoise noise = null;
        boolean smoothed = false;
        double margin = 0;
        double paper = 1;
        if (smoothing > 0) {
            noise = PaperNoise.of(image);
            if (noise.noticeable()) {
                source = GaussianBlur.blur(image, smoothing);
                smoothed = true;
                // the noise left is the pixel noise through the blur; measured on the blurred image it would be
                // hidden by the blur's own correlation
                double left = noise.sigma() * GaussianBlur.noiseGain(smoothing);
                margin = NOISE_MARGIN * left;
                paper = PaperNoise.paperLevel(OtsuThreshold.histogram(source), left);
            }
        }
        InkMask mask = threshold.apply(source, margin, paper);
        SpeckFilter.Cleaned cleaned = SpeckFilter.removeSpecks(mask, despeckle);
        return new Result(cleaned.mask(), noise, smoothed, cleaned.removed());
    }

    /** e.g. {@code smoothing 1.0, despeckle 0.50}; empty when off. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (smoothing > 0) sb.append(String.format(Locale.ROOT, "smoothing %.1f", smoothing));
        if (despeckle > 0) sb.append(sb.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "despeckle %.2f", despeckle));
        return sb.toString();
    }
}
