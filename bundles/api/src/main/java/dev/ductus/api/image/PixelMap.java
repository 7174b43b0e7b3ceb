package dev.ductus.api.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the pixels of an image lie in the image it was made from (the scan or page that was read): maps a point
 * of this image to the point of the source image it came from. Coordinates are continuous, pixel (i, j) covering
 * [i, i + 1) x [j, j + 1), so column spans [x0, x1) map as they are. Immutable.
 *
 * <p>A freshly read image has the identity map. A step that moves pixels gives its output the input's map
 * extended by one part that says where a point of the output lies in the input ({@link #translate} for a crop,
 * {@link #affine} for a rotation, a shear or a scaling, {@link #zones} for zone height normalisation); a point of
 * the output goes through that part first, then through the input's map. Steps that only change intensities keep
 * the map. {@link #sourceWidth()} x {@link #sourceHeight()} is the size of the source image, to clamp to.
 */
public final class PixelMap {
    /** One step's part: where a point of the step's output lies in its input. */
    private sealed interface Part permits Affine, Zones {
        void toInput(double[] p);
    }

    /** {@code x' = a x + b y + c, y' = d x + e y + f}. */
    private record Affine(double a, double b, double c, double d, double e, double f) implements Part {
        @Override
        public void toInput(double[] p) {
            double x = p[0];
            double y = p[1];
            p[0] = a * x + b * y + c;
            p[1] = d * x + e * y + f;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "affine[%.4g %.4g %.4g; %.4g %.4g %.4g]", a, b, c, d, e, f);
        }
    }

    /** Piecewise-linear rows (output knots -> input knots), x scaled by one factor. */
    private record Zones(double[] rows, double[] inputRows, double xScale) implements Part {
        @Override
        public void toInput(double[] p) {
            p[0] = p[0] * xScale;
            p[1] = row(p[1]);
        }

        private double row(double y) {
            int n = rows.length;
            int first = -1;
            int last = -1;
            for (int i = 0; i + 1 < n; i++) {
                if (rows[i + 1] <= rows[i]) continue;
                if (first < 0) first = i;
                last = i;
                if (y >= rows[i] && y <= rows[i + 1]) return lerp(i, y);
            }
            if (first < 0) return inputRows[0];
            // beyond the knots: the nearest end segment, extended
            return lerp(y < rows[first] ? first : last, y);
        }

        private double lerp(int i, double y) {
            double t = (y - rows[i]) / (rows[i + 1] - rows[i]);
            return inputRows[i] + t * (inputRows[i + 1] - inputRows[i]);
        }

        @Override
        public String toString() {
            return "zones" + Arrays.toString(rows) + "->" + Arrays.toString(inputRows)
                    + String.format(Locale.ROOT, " x*%.4g", xScale);
        }
    }

    private final int sourceWidth;
    private final int sourceHeight;
    /** In the order the steps ran; a point goes through them last to first. */
    private final List<Part> parts;

    private PixelMap(int sourceWidth, int sourceHeight, List<Part> parts) {
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.parts = List.copyOf(parts);
    }

    /** The map of an image that is its own source. */
    public static PixelMap identity(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("source size must be positive, got " + width + "x" + height);
        }
        return new PixelMap(width, height, List.of());
    }

    /** Width of the source image. */
    public int sourceWidth() {
        return sourceWidth;
    }

    /** Height of the source image. */
    public int sourceHeight() {
        return sourceHeight;
    }

    public boolean isIdentity() {
        return parts.isEmpty();
    }

    /** The point of the source image that point (x, y) of this image came from, as {x, y}. */
    public double[] toSource(double x, double y) {
        double[] p = {x, y};
        for (int i = parts.size() - 1; i >= 0; i--) parts.get(i).toInput(p);
        return p;
    }

    /** The map of a step's output whose point (x, y) is the point (x + dx, y + dy) of this map's image (a crop). */
    public PixelMap translate(double dx, double dy) {
        if (dx == 0 && dy == 0) return this;
        return with(new Affine(1, 0, dx, 0, 1, dy));
    }

    /**
     * The map of a step's output whose point (x, y) is the point (a x + b y + c, d x + e y + f) of this map's
     * image: a rotation, a shear, a scaling.
     */
    public PixelMap affine(double a, double b, double c, double d, double e, double f) {
        for (double v : new double[] {a, b, c, d, e, f}) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("affine coefficients must be finite");
        }
        return with(new Affine(a, b, c, d, e, f));
    }

    /**
     * The map of a step's output whose row y lies at the input row found by linear interpolation between the
     * knots ({@code rows[i]} of the output is {@code inputRows[i]} of the input; ends extended linearly) and whose
     * column x is {@code x * xScale}: zone height normalisation, each zone scaled on its own.
     *
     * @param rows output rows, non-decreasing (a zone of no output rows repeats a knot)
     * @param inputRows the input rows they come from, non-decreasing
     */
    public PixelMap zones(double[] rows, double[] inputRows, double xScale) {
        if (rows.length < 2 || rows.length != inputRows.length) {
            throw new IllegalArgumentException("zones need at least two knots in both frames, got " + rows.length
                    + " and " + inputRows.length);
        }
        for (int i = 0; i + 1 < rows.length; i++) {
            if (rows[i + 1] < rows[i] || inputRows[i + 1] < inputRows[i]) {
                throw new IllegalArgumentException("zone knots must not decrease: " + Arrays.toString(rows) + " -> "
                        + Arrays.toString(inputRows));
            }
        }
        if (!(xScale > 0) || !Double.isFinite(xScale)) throw new IllegalArgumentException("x scale must be positive, got " + xScale);
        return with(new Zones(rows.clone(), inputRows.clone(), xScale));
    }

    private PixelMap with(Part part) {
        List<Part> next = new ArrayList<>(parts);
        next.add(part);
        return new PixelMap(sourceWidth, sourceHeight, next);
    }

    @Override
    public String toString() {
        return "PixelMap[" + sourceWidth + "x" + sourceHeight + (parts.isEmpty() ? ", identity" : ", " + parts) + "]";
    }
}
