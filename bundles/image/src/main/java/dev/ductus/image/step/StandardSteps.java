package dev.ductus.image.step;

import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.BaselineDetector;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.HeightNormalizer;
import dev.ductus.image.preprocess.NoiseHandling;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the standard steps by name from string options (the same keys as the steps' OSGi configurations, e.g.
 * {@code binarize} with {@code method=sauvola, window=31}), for the command line and tests. Every step that finds
 * ink also takes {@code smoothing} (sigma of the blur of noisy images, 0 = off) and {@code despeckle} (speck size
 * relative to the squared stroke width, 0 = off). Unknown names and
 * unknown or malformed options are refused with a message naming them, so a typo does not silently fall back to
 * a default.
 */
public final class StandardSteps {
    /** The names of the standard steps. */
    public static final List<String> NAMES = List.of(ContrastStep.NAME, BinarizeStep.NAME, DeskewStep.NAME,
            DeslantStep.NAME, CropStep.NAME, NormalizeStep.NAME);

    private StandardSteps() {
    }

    public static Preprocessor create(String name, Map<String, String> options) {
        Options o = new Options(name, options);
        Preprocessor step = switch (name) {
            case ContrastStep.NAME -> new ContrastStep(
                    o.number("low.percentile", ContrastStep.DEFAULT_LOW_PERCENTILE),
                    o.number("high.percentile", ContrastStep.DEFAULT_HIGH_PERCENTILE),
                    o.number("gamma", ContrastStep.DEFAULT_GAMMA),
                    o.number("min.range", ContrastStep.DEFAULT_MIN_RANGE));
            case BinarizeStep.NAME -> new BinarizeStep(binarizer(o),
                    BinarizeStep.Output.parse(o.text("output", BinarizeStep.DEFAULT_OUTPUT)));
            case DeskewStep.NAME -> new DeskewStep(binarizer(o),
                    o.number("max.angle", DeskewStep.DEFAULT_MAX_ANGLE),
                    o.number("resolution", DeskewStep.DEFAULT_RESOLUTION),
                    o.number("min.angle", DeskewStep.DEFAULT_MIN_ANGLE));
            case DeslantStep.NAME -> new DeslantStep(binarizer(o),
                    o.number("max.angle", DeslantStep.DEFAULT_MAX_ANGLE),
                    o.number("min.angle", DeslantStep.DEFAULT_MIN_ANGLE));
            case CropStep.NAME -> new CropStep(
                    o.integer("margin", CropStep.DEFAULT_MARGIN),
                    o.number("ink.threshold", CropStep.DEFAULT_INK_THRESHOLD),
                    noiseHandling(o));
            case NormalizeStep.NAME -> new NormalizeStep(
                    NormalizeStep.Mode.parse(o.text("mode", NormalizeStep.DEFAULT_MODE)),
                    new HeightNormalizer.Zones(o.integer("ascender", NormalizeStep.DEFAULT_ASCENDER),
                            o.integer("core", NormalizeStep.DEFAULT_CORE),
                            o.integer("descender", NormalizeStep.DEFAULT_DESCENDER)),
                    o.integer("height", NormalizeStep.DEFAULT_HEIGHT),
                    new BaselineDetector(binarizer(o), o.number("core.fraction", NormalizeStep.DEFAULT_CORE_FRACTION)));
            default -> throw new IllegalArgumentException("unknown preprocessing step '" + name + "': expected one of " + NAMES);
        };
        o.checkAllUsed();
        return step;
    }

    private static Binarizer binarizer(Options o) {
        return new Binarizer(Binarizer.Method.parse(o.text("method", BinarizeStep.DEFAULT_METHOD)),
                o.integer("window", BinarizeStep.DEFAULT_WINDOW),
                o.number("k", BinarizeStep.DEFAULT_K),
                o.number("r", BinarizeStep.DEFAULT_R)).with(noiseHandling(o));
    }

    /** {@code smoothing} (Gaussian sigma for noisy images, 0 = off) and {@code despeckle} (0 = off). */
    private static NoiseHandling noiseHandling(Options o) {
        try {
            return new NoiseHandling(o.number("smoothing", NoiseHandling.DEFAULT_SMOOTHING),
                    o.number("despeckle", NoiseHandling.DEFAULT_DESPECKLE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(o.step + ": " + e.getMessage(), e);
        }
    }

    /** String options that remember which keys were read. */
    private static final class Options {
        private final String step;
        private final Map<String, String> values;
        private final Set<String> used = new HashSet<>();

        Options(String step, Map<String, String> values) {
            this.step = step;
            this.values = values;
        }

        String text(String key, String fallback) {
            used.add(key);
            String v = values.get(key);
            return v == null ? fallback : v;
        }

        double number(String key, double fallback) {
            String v = text(key, null);
            if (v == null) return fallback;
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(step + ": option " + key + " must be a number, got '" + v + "'");
            }
        }

        int integer(String key, int fallback) {
            String v = text(key, null);
            if (v == null) return fallback;
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(step + ": option " + key + " must be an integer, got '" + v + "'");
            }
        }

        void checkAllUsed() {
            Set<String> unknown = new HashSet<>(values.keySet());
            unknown.removeAll(used);
            if (!unknown.isEmpty()) throw new IllegalArgumentException(step + ": unknown options " + unknown);
        }
    }
}
