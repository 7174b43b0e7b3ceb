package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;
import java.util.Locale;

/**
 * A configured choice of binarisation: Otsu's global threshold or Sauvola's local one, and how noise is kept out
 * of the mask ({@link NoiseHandling}: smoothing of noisy images before the threshold, a threshold floor below the
 * paper noise, speck removal). The estimators (skew, slant, baseline, segmentation) take one of these, so a user
 * whose scans have uneven light switches them all to Sauvola with one setting. The four-argument constructor is
 * the plain threshold, without noise handling.
 *
 * @param smoothing sigma in pixels of the Gaussian blur of noisy images, 0 for none
 * @param despeckle components smaller than this times the squared stroke width are removed, 0 for none
 */
public record Binarizer(Method method, int window, double k, double r, double smoothing, double despeckle) {
    /** The binarisation algorithms. */
    public enum Method {
        OTSU, SAUVOLA;

        /** Parses {@code otsu} or {@code sauvola} (any case). */
        public static Method parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown binarisation method '" + name + "': expected otsu or sauvola");
            }
        }
    }

    public Binarizer {
        if (method == null) throw new IllegalArgumentException("binarisation method missing");
        if (method == Method.SAUVOLA && (window < 3 || !(r > 0))) {
            throw new IllegalArgumentException("Sauvola needs window >= 3 and R > 0, got w=" + window + " R=" + r);
        }
        new NoiseHandling(smoothing, despeckle); // checks the two values
    }

    /** The plain threshold: no smoothing, no speck removal. */
    public Binarizer(Method method, int window, double k, double r) {
        this(method, window, k, r, 0, 0);
    }

    /** Plain Otsu, without noise handling. */
    public static Binarizer otsu() {
        return new Binarizer(Method.OTSU, 25, 0.2, 0.5);
    }

    /** Otsu with the {@link NoiseHandling#DEFAULT default noise handling}: what the steps use unless configured. */
    public static Binarizer standard() {
        return otsu().with(NoiseHandling.DEFAULT);
    }

    public static Binarizer sauvola(int window, double k, double r) {
        return new Binarizer(Method.SAUVOLA, window, k, r);
    }

    /** The same threshold with other noise handling. */
    public Binarizer with(NoiseHandling noise) {
        return new Binarizer(method, window, k, r, noise.smoothing(), noise.despeckle());
    }

    public NoiseHandling noiseHandling() {
        return new NoiseHandling(smoothing, despeckle);
    }

    public InkMask binarize(GrayImage image) {
        return find(image).mask();
    }

    /** Binarises and says what was done about noise. */
    public NoiseHandling.Result find(GrayImage image) {
        return noiseHandling().find(image, (source, noiseMargin, paper) -> switch (method) {
            case OTSU -> {
                float t = OtsuThreshold.threshold(source);
                yield InkMask.threshold(source, noiseMargin > 0 ? Math.min(t, (float) (paper - noiseMargin)) : t);
            }
            case SAUVOLA -> new SauvolaBinarizer(window, k, r).binarize(source, noiseMargin);
        });
    }

    /** e.g. {@code otsu}, {@code sauvola w=25 k=0.20} or {@code otsu, smoothing 1.0, despeckle 0.50}. */
    public String describe() {
        String base = method == Method.OTSU ? "otsu" : String.format(Locale.ROOT, "sauvola w=%d k=%.2f", window, k);
        String noise = noiseHandling().describe();
        return noise.isEmpty() ? base : base + ", " + noise;
    }
}
