package dev.ductus.features.handcrafted;

import dev.ductus.api.image.LineGeometry;

/**
 * The three horizontal zones of a line as row ranges: upper [0, coreTop), core [coreTop, coreEnd), lower
 * [coreEnd, height). From the image's {@link LineGeometry} (core = coreTop..baseline inclusive), or thirds of
 * the height when no geometry was estimated.
 */
record LineZones(int height, int coreTop, int coreEnd) {
    static LineZones of(int height, LineGeometry geometry) {
        if (geometry == null) {
            return new LineZones(height, Math.round(height / 3f), Math.max(Math.round(height / 3f) + 1, Math.round(2 * height / 3f)));
        }
        int top = clamp(geometry.coreTop(), 0, height - 1);
        int end = clamp(geometry.baseline() + 1, top + 1, height);
        return new LineZones(height, top, end);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    int coreHeight() {
        return coreEnd - coreTop;
    }

    /** The baseline as a continuous row position (bottom edge of the core zone). */
    float baseline() {
        return coreEnd;
    }

    float coreCentre() {
        return (coreTop + coreEnd) / 2f;
    }
}
