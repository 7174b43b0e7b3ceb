package dev.ductus.image.preprocess;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.LineGeometry;

/**
 * Brings text lines to a fixed height. Zone mode maps the ascender zone (top..coreTop), the core zone
 * (coreTop..baseline) and the descender zone (baseline..bottom) each onto a fixed number of rows, so every line's
 * lower-case body lands on the same rows whatever the writer's proportions, and scales the width by the core's
 * factor, which keeps the letters' aspect. The output carries its new {@link LineGeometry}. Uniform mode scales
 * the whole image to a height, keeping the aspect ratio, for models that read raw pixels. Both resample with
 * {@link AxisResampler} (area average when shrinking). The output's pixel map gains the scaling: piecewise linear
 * in y over the three zones with one x factor in zone mode, one factor per axis in uniform mode.
 */
public final class HeightNormalizer {
    /** Rows of each zone in zone mode. */
    public record Zones(int ascender, int core, int descender) {
        public Zones {
            if (ascender < 0 || core < 1 || descender < 0) {
                throw new IllegalArgumentException("zone heights must be ascender >= 0, core >= 1, descender >= 0, got "
                        + ascender + ", " + core + ", " + descender);
            }
        }

        public int total() {
            return ascender + core + descender;
        }
    }

    /** The upper limit on the output width relative to the input, so a mistaken tiny core cannot explode it. */
    private static final double MAX_WIDTH_FACTOR = 8;

    private HeightNormalizer() {
    }

    /** Zone mode: the zones of {@code geometry} (which describes {@code image}) onto the fixed rows. */
    public static GrayImage zones(GrayImage image, LineGeometry geometry, Zones zones) {
        int core = geometry.coreHeight();
        if (core < 2) {
            throw new InputException(image.source(), "core zone of " + core + " px is too small to normalise the height");
        }
        double factor = (double) zones.core() / core;
        int outW = (int) Math.max(1, Math.round(image.width() * Math.min(factor, MAX_WIDTH_FACTOR)));
        int outH = zones.total();
        double[] start = new double[outH];
        double[] end = new double[outH];
        boolean[] empty = new boolean[outH];
        int r = 0;
        r = mapZone(geometry.top(), geometry.coreTop(), zones.ascender(), start, end, empty, r);
        r = mapZone(geometry.coreTop(), geometry.baseline(), zones.core(), start, end, empty, r);
        mapZone(geometry.baseline(), geometry.bottom(), zones.descender(), start, end, empty, r);
        float[] rows = AxisResampler.rows(image.pixels(), image.width(), image.height(), start, end);
        for (int y = 0; y < outH; y++) {
            if (empty[y]) java.util.Arrays.fill(rows, y * image.width(), (y + 1) * image.width(), 1f);
        }
        float[] out = AxisResampler.columns(rows, image.width(), outH, outW);
        LineGeometry g = new LineGeometry(0, zones.ascender(), zones.ascender() + zones.core(), outH);
        // the rows as mapZone laid them out, the columns as AxisResampler.columns scales them
        double[] rowsOut = {0, zones.ascender(), zones.ascender() + zones.core(), outH};
        double[] rowsIn = {geometry.top(), geometry.coreTop(), geometry.baseline(), geometry.bottom()};
        return new GrayImage(outW, outH, out, g, image.source(),
                image.pixelMap().zones(rowsOut, rowsIn, (double) image.width() / outW));
    }

    /** Uniform mode: the whole image to {@code height} rows, the width scaled by the same factor. */
    public static GrayImage uniform(GrayImage image, int height) {
        if (height < 2) throw new IllegalArgumentException("height must be at least 2, got " + height);
        double factor = (double) height / image.height();
        int outW = (int) Math.max(1, Math.round(image.width() * factor));
        double[] start = new double[height];
        double[] end = new double[height];
        for (int y = 0; y < height; y++) {
            start[y] = y / factor;
            end[y] = (y + 1) / factor;
        }
        float[] rows = AxisResampler.rows(image.pixels(), image.width(), image.height(), start, end);
        float[] out = AxisResampler.columns(rows, image.width(), height, outW);
        LineGeometry g = image.geometry() == null ? null : scale(image.geometry(), factor, height);
        return new GrayImage(outW, height, out, g, image.source(),
                image.pixelMap().affine((double) image.width() / outW, 0, 0, 0, 1 / factor, 0));
    }

    private static int mapZone(int from, int to, int rows, double[] start, double[] end, boolean[] empty, int r) {
        double step = (double) (to - from) / Math.max(1, rows);
        for (int i = 0; i < rows; i++, r++) {
            start[r] = from + i * step;
            end[r] = from + (i + 1) * step;
            empty[r] = to <= from;
        }
        return r;
    }

    private static LineGeometry scale(LineGeometry g, double factor, int height) {
        int top = clamp((int) Math.round(g.top() * factor), height);
        int coreTop = Math.max(top, clamp((int) Math.round(g.coreTop() * factor), height));
        int baseline = Math.max(coreTop, clamp((int) Math.round(g.baseline() * factor), height));
        int bottom = Math.max(baseline, clamp((int) Math.round(g.bottom() * factor), height));
        return new LineGeometry(top, coreTop, baseline, bottom);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
