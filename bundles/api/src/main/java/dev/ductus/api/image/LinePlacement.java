package dev.ductus.api.image;

import dev.ductus.api.Box;

/**
 * Where a preprocessed line image lies on the source image (the scan or page that was read): its pixel map, its
 * size, and its baseline row (NaN when preprocessing estimated none, e.g. uniform height normalisation). Column
 * spans of the preprocessed line (a recognised character's [x0, x1)) map back to polygons on the source.
 */
public record LinePlacement(PixelMap map, int width, int height, double baseline) {
    public LinePlacement {
        if (map == null) throw new IllegalArgumentException("a line placement needs a pixel map");
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("line size must be positive, got " + width + "x" + height);
    }

    /** The placement of a preprocessed line: its map, size and the baseline of its geometry, if any. */
    public static LinePlacement of(GrayImage line) {
        LineGeometry g = line.geometry();
        return new LinePlacement(line.pixelMap(), line.width(), line.height(), g == null ? Double.NaN : g.baseline());
    }

    /**
     * The columns [x0, x1) over the full line height, mapped to the source and clamped to it: four corners
     * {x, y}, top-left, top-right, bottom-right, bottom-left (in the line's frame).
     */
    public double[][] columns(double x0, double x1) {
        return new double[][] {source(x0, 0), source(x1, 0), source(x1, height), source(x0, height)};
    }

    /** {@code points} (at least 2) points along row y from the line's left edge to its right edge, mapped and clamped. */
    public double[][] row(double y, int points) {
        if (points < 2) throw new IllegalArgumentException("a row needs at least 2 points, got " + points);
        double[][] out = new double[points][];
        for (int i = 0; i < points; i++) out[i] = source(width * (double) i / (points - 1), y);
        return out;
    }

    /** The baseline row mapped to the source, or null when none is known. */
    public double[][] baselinePoints(int points) {
        return Double.isNaN(baseline) ? null : row(baseline, points);
    }

    /** The source pixels a polygon of source points touches: [floor(min), ceil(max)) in each axis, within the source. */
    public Box bounds(double[][] polygon) {
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : polygon) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        int x0 = (int) Math.floor(minX);
        int y0 = (int) Math.floor(minY);
        int x1 = Math.max(x0, (int) Math.ceil(maxX));
        int y1 = Math.max(y0, (int) Math.ceil(maxY));
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    private double[] source(double x, double y) {
        double[] p = map.toSource(x, y);
        p[0] = Math.max(0, Math.min(map.sourceWidth(), p[0]));
        p[1] = Math.max(0, Math.min(map.sourceHeight(), p[1]));
        return p;
    }
}
