package dev.ductus.image.preprocess;

import dev.ductus.api.image.GrayImage;

/**
 * Which pixels of an image are ink, as found by a binariser. Row-major; like {@link GrayImage} it is immutable
 * by contract (the array passed in is owned by the mask).
 */
public final class InkMask {
    private final int width;
    private final int height;
    private final boolean[] ink;

    public InkMask(int width, int height, boolean[] ink) {
        if (ink.length != (long) width * height) {
            throw new IllegalArgumentException("mask length " + ink.length + " != " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.ink = ink;
    }

    /** Pixels darker than or equal to {@code threshold} are ink. */
    public static InkMask threshold(GrayImage image, float threshold) {
        float[] p = image.pixels();
        boolean[] ink = new boolean[p.length];
        for (int i = 0; i < p.length; i++) ink[i] = p[i] <= threshold;
        return new InkMask(image.width(), image.height(), ink);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isInk(int x, int y) {
        return ink[y * width + x];
    }

    /** The row-major flags; read only. */
    public boolean[] flags() {
        return ink;
    }

    public int count() {
        int n = 0;
        for (boolean b : ink) if (b) n++;
        return n;
    }

    /** The ink as a 0/1 image: 0 (black) for ink, 1 (white) elsewhere, with the given image's source. */
    public GrayImage toImage(GrayImage like) {
        float[] p = new float[ink.length];
        for (int i = 0; i < p.length; i++) p[i] = ink[i] ? 0f : 1f;
        return like.derive(width, height, p);
    }

    /** The original intensities where there is ink, white elsewhere: cleaned background, gray strokes kept. */
    public GrayImage keepInk(GrayImage image) {
        float[] src = image.pixels();
        float[] p = new float[ink.length];
        for (int i = 0; i < p.length; i++) p[i] = ink[i] ? src[i] : 1f;
        return image.derive(width, height, p);
    }
}
