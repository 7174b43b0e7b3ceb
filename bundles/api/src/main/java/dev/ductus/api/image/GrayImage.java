package dev.ductus.api.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A grayscale image with intensities in [0, 1]: 0 is black ink, 1 is white paper. Row-major, immutable by
 * contract: the pixel array handed to the constructor and returned by {@link #pixels()} must not be changed
 * afterwards (stages allocate a new image for every change, so requests can share images across threads).
 * A line image that went through height normalisation carries its {@link LineGeometry}. Every image carries its
 * {@link PixelMap}: where its pixels lie in the image that was read (the identity for a freshly read image), so
 * positions found in a preprocessed line can be drawn on the scan. Equality compares pixels and geometry only.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final float[] pixels;
    private final LineGeometry geometry;
    private final String source;
    private final PixelMap pixelMap;

    /** An image that is its own source: the identity pixel map. */
    public GrayImage(int width, int height, float[] pixels, LineGeometry geometry, String source) {
        this(width, height, pixels, geometry, source, null);
    }

    /** @param pixelMap where the pixels lie in the source image; null for the identity */
    public GrayImage(int width, int height, float[] pixels, LineGeometry geometry, String source, PixelMap pixelMap) {
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
        this.pixelMap = pixelMap == null ? PixelMap.identity(width, height) : pixelMap;
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

    /** Where this image's pixels lie in the image that was read. */
    public PixelMap pixelMap() {
        return pixelMap;
    }

    public GrayImage withGeometry(LineGeometry g) {
        return new GrayImage(width, height, pixels, g, source, pixelMap);
    }

    public GrayImage withSource(String s) {
        return new GrayImage(width, height, pixels, geometry, s, pixelMap);
    }

    /** The same pixels, placed on the source by another map (a step that moved pixels says how). */
    public GrayImage withPixelMap(PixelMap m) {
        return new GrayImage(width, height, pixels, geometry, source, m);
    }

    /**
     * A new image of the same source and pixel map (and no geometry) with other pixels: for changes pixel by
     * pixel. A step that moves pixels sets its output's map ({@link #withPixelMap}).
     */
    public GrayImage derive(int w, int h, float[] p) {
        return new GrayImage(w, h, p, null, source, pixelMap);
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
