package dev.ductus.features.handcrafted;

import dev.ductus.api.image.GrayImage;

/** A line image as ink darkness (1 - intensity: 1 is black ink, 0 white paper), white outside its borders. */
final class InkImage {
    /** A pixel counts as ink in binary features when it is at least this dark. */
    static final float INK_THRESHOLD = 0.5f;

    final int width;
    final int height;
    private final float[] ink;

    InkImage(GrayImage image) {
        width = image.width();
        height = image.height();
        float[] p = image.pixels();
        ink = new float[p.length];
        for (int i = 0; i < p.length; i++) ink[i] = Math.min(1f, Math.max(0f, 1f - p[i]));
    }

    float ink(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : ink[y * width + x];
    }

    boolean black(int x, int y) {
        return ink(x, y) >= INK_THRESHOLD;
    }
}
