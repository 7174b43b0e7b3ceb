package dev.ductus.image.step;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.image.preprocess.BaselineDetector;
import dev.ductus.image.preprocess.Binarizer;
import dev.ductus.image.preprocess.HeightNormalizer;
import java.util.Locale;

/**
 * The {@code normalize} step. Zone mode finds the core zone ({@link BaselineDetector}, unless the image already
 * carries a geometry) and maps ascender, core and descender zones to fixed heights; uniform mode scales the whole
 * line to one height ({@link HeightNormalizer}).
 */
public final class NormalizeStep implements Preprocessor {
    public static final String NAME = "normalize";
    public static final String DEFAULT_MODE = "zones";
    public static final int DEFAULT_ASCENDER = 12;
    public static final int DEFAULT_CORE = 16;
    public static final int DEFAULT_DESCENDER = 12;
    public static final int DEFAULT_HEIGHT = 64;
    public static final double DEFAULT_CORE_FRACTION = 0.5;

    /** Zone or uniform height normalisation. */
    public enum Mode {
        ZONES, UNIFORM;

        public static Mode parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "zones" -> ZONES;
                case "uniform" -> UNIFORM;
                default -> throw new IllegalArgumentException("unknown normalize mode '" + s + "': expected zones or uniform");
            };
        }
    }

    private final Mode mode;
    private final HeightNormalizer.Zones zones;
    private final int height;
    private final BaselineDetector detector;

    public NormalizeStep(Mode mode, HeightNormalizer.Zones zones, int height, BaselineDetector detector) {
        if (mode == Mode.UNIFORM && height < 2) throw new IllegalArgumentException("uniform height must be at least 2, got " + height);
        this.mode = mode;
        this.zones = zones;
        this.height = height;
        this.detector = detector;
    }

    public NormalizeStep() {
        this(Mode.ZONES, new HeightNormalizer.Zones(DEFAULT_ASCENDER, DEFAULT_CORE, DEFAULT_DESCENDER), DEFAULT_HEIGHT,
                new BaselineDetector(Binarizer.standard(), DEFAULT_CORE_FRACTION));
    }

    @Override
    public GrayImage process(GrayImage image, Notes notes) {
        long t0 = System.nanoTime();
        if (mode == Mode.UNIFORM) {
            GrayImage out = HeightNormalizer.uniform(image, height);
            notes.add(NAME, String.format(Locale.ROOT, "height %d px -> %d px, %dx%d", image.height(), height,
                    out.width(), out.height()), StepTime.millisSince(t0));
            return out;
        }
        LineGeometry g = image.geometry() != null ? image.geometry() : detector.detect(image);
        GrayImage out = HeightNormalizer.zones(image, g, zones);
        notes.add(NAME, String.format(Locale.ROOT, "core %d px -> %d px, %dx%d", g.coreHeight(), zones.core(),
                out.width(), out.height()), StepTime.millisSince(t0));
        return out;
    }
}
