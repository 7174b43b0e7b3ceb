package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;
import java.util.Locale;

/**
 * A configured choice of binarisation: Otsu's global threshold or Sauvola's local one. The estimators (skew,
 * slant, baseline, segmentation) take one of these, so a user whose scans have uneven light switches them all to
 * Sauvola with one setting.
 */
public record Binarizer(Method method, int window, double k, double r) {
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
    }

    public static Binarizer otsu() {
        return new Binarizer(Method.OTSU, 25, 0.2, 0.5);
    }

    public static Binarizer sauvola(int window, double k, double r) {
        return new Binarizer(Method.SAUVOLA, window, k, r);
    }

    public InkMask binarize(GrayImage image) {
        return switch (method) {
            case OTSU -> OtsuThreshold.binarize(image);
            case SAUVOLA -> new SauvolaBinarizer(window, k, r).binarize(image);
        };
    }

    /** e.g. {@code otsu} or {@code sauvola w=25 k=0.20}. */
    public String describe() {
        return method == Method.OTSU ? "otsu" : String.format(Locale.ROOT, "sauvola w=%d k=%.2f", window, k);
    }
}
