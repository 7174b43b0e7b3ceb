package dev.ductus.api.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A grayscale image with intensities in [0, 1]: 0 is black ink, 1 is white paper. Row-major, immutable by
 * contract: the pixel array handed to the constructor and returned by {@link #pixels()} must not be changed
 * afterwards (stages allocate a new image for every change, so requests can share images across threads).
 * A line image that went through height normalisation carries its {@link LineGeometry}.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final float[] pixels;
    private final LineGeometry geometry;
    private final String source;

    public GrayImage(int width, int height, float[] pixels, LineGeometry geometry, String source) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " != " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
        this.geometry = geometry;
        this.source = source == null ? "<memory>" : source;
    }

    public GrayImage(int width, int height, float[] pixels) {
        this(width, height, pixels, null, null);
    }

    /** A white image. */
    public static GrayImage blank(int width, int height) {
        float[] p = new float[width * height];
        Arrays.fill(p, 1f);
        return new GrayImage(width, height, p);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The row-major intensities; read only. */
    public float[] pixels() {
        return pixels;
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    /** Intensity at (x, y), or white outside the image. */
    public float getOrWhite(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 1f : pixels[y * width + x];
    }

    /** The baseline geometry found by preprocessing, or null when none was estimated. */
    public LineGeometry geometry() {
        return geometry;
    }

    /** Where the image came from (a file name, "file.tif#2" for a page, "<memory>"), for error messages. */
    public String source() {
        return source;
    }

    public GrayImage withGeometry(LineGeometry g) {
        return new GrayImage(width, height, pixels, g, source);
    }

    public GrayImage withSource(String s) {
        return new GrayImage(width, height, pixels, geometry, s);
    }

    /** A new image of the same source (and no geometry) with other pixels. */
    public GrayImage derive(int w, int h, float[] p) {
        return new GrayImage(w, h, p, null, source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayImage g && g.width == width && g.height == height && Arrays.equals(g.pixels, pixels)
                && Objects.equals(g.geometry, geometry);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GrayImage[" + width + "x" + height + ", " + source + (geometry == null ? "" : ", " + geometry) + "]";
    }
}
